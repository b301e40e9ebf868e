import Foundation
import Logging
import MailTransport
import Testing

/// MailTransport against the real Dovecot + Postfix test servers (scripts/mailservers.sh).
/// `.serialized` also covers the nested suite, so the SMTP outage never overlaps other sends here.
@Suite(.serialized)
struct TransportIntegrationTests {
    let servers: TestServers
    let logger = Logger(label: "maildesk.test.transport")

    init() throws { servers = try TestServers.load() }

    /// A small RFC 5322 message with the headers Postfix would otherwise add, and a dot-stuffing case.
    static func message(to recipient: String, subject: String) -> [UInt8] {
        let id = UInt64.random(in: 0...UInt64.max)
        let text = "From: Sender <sender@customer.test>\r\nTo: <\(recipient)>\r\nSubject: \(subject)\r\n"
            + "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\nMessage-ID: <\(id)@customer.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Hello,\r\n.leading dot line\r\n..two dots\r\nGrüße — 你好\r\n"
        return Array(text.utf8)
    }

    /// Polls `user`'s INBOX (≤ 15 s) until a message is there; returns its UIDs.
    func waitForMail(user: String) throws -> [UInt32] {
        let imap = try IMAPConnection(endpoint: servers.imapEndpoint(user: user), logger: logger)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let uids = try imap.searchUIDs(from: 1)
            if !uids.isEmpty { return uids }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return []
    }

    @Test(arguments: [true, false])
    func loginAndStatus(implicitTLS: Bool) throws {
        let imap = try IMAPConnection(
            endpoint: servers.imapEndpoint(user: servers.uniqueAddress("status"), implicitTLS: implicitTLS), logger: logger)
        #expect(imap.mailbox == "INBOX")
        let status = try imap.status()
        #expect(status.uidValidity > 0)
        #expect(status.uidNext >= 1)
        #expect(status.messages == 0)
        #expect(try imap.searchUIDs(from: 1) == [])
        #expect(try imap.capabilities().contains("IMAP4REV1"))
    }

    @Test func wrongCAIsTLSError() throws {
        let endpoint = servers.imapEndpoint(user: servers.uniqueAddress("ca"), caFile: servers.wrongCAFile)
        let imap = try IMAPConnection(endpoint: endpoint, logger: logger)
        let error = try #require(throws: TransportError.self) { try imap.status() }
        #expect(error.kind == .tls)
        #expect(!error.isTemporary)
        #expect(error.description.hasPrefix("IMAP TLS error (curl "))
        #expect(error.description.lowercased().contains("certificate"))
        #expect(!error.description.contains(servers.password))
    }

    @Test func wrongPasswordIsAuthenticationError() throws {
        var endpoint = servers.imapEndpoint(user: servers.uniqueAddress("auth"))
        endpoint.password = "not-the-password"
        let imap = try IMAPConnection(endpoint: endpoint, logger: logger)
        let error = try #require(throws: TransportError.self) { try imap.status() }
        #expect(error.kind == .authentication)
        #expect(!error.isTemporary)
        #expect(!error.description.contains("not-the-password"))

        var smtpEndpoint = servers.smtpEndpoint(user: servers.uniqueAddress("auth"))
        smtpEndpoint.password = "not-the-password"
        let smtp = try SMTPConnection(endpoint: smtpEndpoint, heloName: "maildesk.test", logger: logger)
        let smtpError = try #require(throws: TransportError.self) {
            try smtp.send(from: "a@maildesk.test", recipient: servers.uniqueAddress("x"), message: Self.message(to: "x", subject: "x"))
        }
        #expect(smtpError.kind == .authentication)
        #expect(!smtpError.description.contains("not-the-password"))
    }

    @Test(arguments: [false, true])
    func sendThenFetchByteForByte(implicitTLS: Bool) throws {
        let sender = servers.uniqueAddress("agent")
        let recipient = servers.uniqueAddress("customer", domain: "customer.test")
        let original = Self.message(to: recipient, subject: "SMTP round trip")
        let smtp = try SMTPConnection(endpoint: servers.smtpEndpoint(user: sender, implicitTLS: implicitTLS),
                                      heloName: "maildesk.test", logger: logger)
        let reply = try smtp.send(from: sender, recipient: recipient, message: original)
        #expect(reply.code == 250)

        let uids = try waitForMail(user: recipient)
        try #require(uids.count == 1, "message did not arrive within 15 s")
        let imap = try IMAPConnection(endpoint: servers.imapEndpoint(user: recipient), logger: logger)
        let fetched = try imap.fetch(uid: uids[0], uidValidity: try imap.status().uidValidity)
        // Postfix and Dovecot only prepend trace headers (Return-Path, Delivered-To, Received).
        #expect(fetched.count > original.count)
        #expect(Array(fetched.suffix(original.count)) == original)
        let added = String(decoding: fetched.prefix(fetched.count - original.count), as: UTF8.self)
        #expect(added.hasSuffix("\r\n"))
        #expect(!added.contains("\r\n\r\n"))
    }

    @Test func appendFetchRoundTrip() throws {
        let user = servers.uniqueAddress("append")
        let imap = try IMAPConnection(endpoint: servers.imapEndpoint(user: user), logger: logger)
        let small = Self.message(to: user, subject: "append")
        var large = Array("Subject: large\r\n\r\n".utf8)
        for line in 0..<20_000 { large += Array("line \(line) \(String(repeating: "x", count: 60))\r\n".utf8) }
        try imap.append(small)
        try imap.append(large)
        let status = try imap.status()
        #expect(status.messages == 2)
        let uids = try imap.searchUIDs(from: 1)
        try #require(uids.count == 2)
        #expect(try imap.fetch(uid: uids[0], uidValidity: status.uidValidity) == small)
        #expect(try imap.fetch(uid: uids[1], uidValidity: status.uidValidity) == large)
        #expect(try imap.searchUIDs(from: uids[1]) == [uids[1]])
        #expect(try imap.searchUIDs(from: uids[1] + 1) == [])

        let stale = try #require(throws: TransportError.self) {
            try imap.fetch(uid: uids[0], uidValidity: status.uidValidity &+ 1)
        }
        #expect(stale.kind == .protocolError)
        let missing = try #require(throws: TransportError.self) {
            try imap.fetch(uid: uids[1] + 100, uidValidity: status.uidValidity)
        }
        #expect(missing.kind == .protocolError)
        // The connection still works after failures.
        #expect(try imap.fetch(uid: uids[0], uidValidity: status.uidValidity) == small)
    }

    @Test func flagAndMoveToProcessed() throws {
        let user = servers.uniqueAddress("move")
        let imap = try IMAPConnection(endpoint: servers.imapEndpoint(user: user), logger: logger)
        for index in 0..<3 { try imap.append(Self.message(to: user, subject: "move \(index)")) }
        let uids = try imap.searchUIDs(from: 1)
        try #require(uids.count == 3)
        try imap.addFlags(["\\Seen", "$maildesk"], uids: uids)
        #expect(try imap.searchUIDs(criteria: "KEYWORD $maildesk") == uids)
        try imap.createMailbox("Processed")
        try imap.createMailbox("Processed")  // ALREADYEXISTS is fine
        try imap.move(uids: uids, to: "Processed")
        #expect(try imap.searchUIDs(from: 1) == [])
        #expect(try imap.status(of: "Processed").messages == 3)

        let processed = try IMAPConnection(endpoint: servers.imapEndpoint(user: user, mailbox: "Processed"), logger: logger)
        #expect(processed.mailbox == "Processed")
        #expect(try processed.searchUIDs(criteria: "KEYWORD $maildesk").count == 3)
        #expect(try processed.searchUIDs(criteria: "SEEN").count == 3)
    }

    /// The path for servers without MOVE: UID COPY, `\Deleted`, UID EXPUNGE of exactly those UIDs.
    @Test func moveWithoutMOVECapabilityExpungesOnlyThoseUIDs() throws {
        let user = servers.uniqueAddress("copymove")
        let imap = try IMAPConnection(endpoint: servers.imapEndpoint(user: user), logger: logger)
        for index in 0..<4 { try imap.append(Self.message(to: user, subject: "copy \(index)")) }
        let uids = try imap.searchUIDs(from: 1)
        try #require(uids.count == 4)
        try imap.addFlags(["\\Deleted"], uids: [uids[3]])   // someone else's pending delete: must survive
        try imap.move(uids: Array(uids.prefix(2)), to: "Processed", strategy: .copyDeleteExpunge)
        #expect(try imap.searchUIDs(from: 1) == Array(uids.suffix(2)))
        #expect(try imap.status(of: "Processed").messages == 2)
    }

    @Test func unknownMailboxIsProtocolError() throws {
        let imap = try IMAPConnection(
            endpoint: servers.imapEndpoint(user: servers.uniqueAddress("nobox"), mailbox: "Does Not Exist"), logger: logger)
        #expect(imap.mailbox == "Does Not Exist")
        let error = try #require(throws: TransportError.self) { try imap.searchUIDs(from: 1) }
        #expect(error.kind == .protocolError)
        #expect(error.serverReply != nil)
    }

    @Test func executorRunsConnectionOffThePool() async throws {
        let servers = self.servers
        let executor = BlockingExecutor(name: "imap-test")
        defer { executor.shutdown() }
        let user = servers.uniqueAddress("executor")
        let logger = self.logger
        let status = try await executor.run {
            let imap = try IMAPConnection(endpoint: servers.imapEndpoint(user: user), logger: logger)
            return try imap.status()
        }
        #expect(status.messages == 0)
    }

    /// SMTP failures against the real Postfix: a real 5xx and an outage (temporary).
    @Suite
    struct SMTPFailures {
        let servers: TestServers
        let logger = Logger(label: "maildesk.test.smtp")

        init() throws { servers = try TestServers.load() }

        func connection(_ user: String) throws -> SMTPConnection {
            try SMTPConnection(endpoint: servers.smtpEndpoint(user: user), heloName: "maildesk.test", logger: logger)
        }

        /// Postfix answers 550 for domains outside the test domains and 501 for a malformed address literal.
        @Test(arguments: [("user@nonexistent.invalid", "550 5.1.1 "), ("user@[999.1.1.1]", "501 5.1.3 ")])
        func rejectedRecipientIsPermanentRejection(recipient: String, replyPrefix: String) throws {
            let sender = servers.uniqueAddress("agent")
            let smtp = try connection(sender)
            let message = TransportIntegrationTests.message(to: "x", subject: "reject")
            let error = try #require(throws: TransportError.self) {
                try smtp.send(from: sender, recipient: recipient, message: message)
            }
            #expect(error.kind == .permanentRejection)
            #expect(!error.isTemporary)
            let reply = try #require(error.serverReply)
            #expect(reply.hasPrefix(replyPrefix))
            #expect(error.description.contains(reply))
            // The same connection object delivers the next message.
            #expect(try smtp.send(from: sender, recipient: servers.uniqueAddress("ok"), message: message).code == 250)
        }

        @Test func outageIsTemporary() throws {
            let sender = servers.uniqueAddress("agent")
            let smtp = try connection(sender)
            let message = TransportIntegrationTests.message(to: "x", subject: "outage")
            #expect(try smtp.send(from: sender, recipient: servers.uniqueAddress("before"), message: message).code == 250)
            try servers.runScript("smtp-stop")
            let outcome = Result { () throws(TransportError) in
                try smtp.send(from: sender, recipient: servers.uniqueAddress("during"), message: message)
            }
            try servers.runScript("smtp-start")
            guard case .failure(let error) = outcome else {
                Issue.record("send succeeded while Postfix was stopped")
                return
            }
            #expect(error.isTemporary)
            #expect(error.kind == .connection)
            #expect(error.description.hasPrefix("SMTP connection error (curl 7)"))
            #expect(try smtp.send(from: sender, recipient: servers.uniqueAddress("after"), message: message).code == 250)
        }
    }
}
