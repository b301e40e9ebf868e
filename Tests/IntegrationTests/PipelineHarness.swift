import Foundation
import Logging
import MailMIME
import MailTransport
import MaildeskConfig
import MaildeskServices
import Synchronization

/// One helpdesk wired to the real test servers: its own support and customer mailboxes.
struct PipelineHarness {
    let servers: TestServers
    let support: String
    let customer: String
    let state: String
    let logger = Logger(label: "integration")

    init() throws {
        servers = try TestServers.load()
        support = servers.uniqueAddress("support")
        customer = servers.uniqueAddress("customer", domain: "customer.test")
        state = NSTemporaryDirectory() + "maildesk-it-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    func configuration(processedFolder: String? = "Processed", caFile: String? = nil,
                       implicitTLS: Bool = true) -> MaildeskConfiguration {
        let imap = servers.imapEndpoint(user: support, implicitTLS: implicitTLS, caFile: caFile)
        let smtp = servers.smtpEndpoint(user: support)
        return MaildeskConfiguration(
            configPath: nil,
            database: DatabaseConfig(path: state + "/maildesk.sqlite"),
            source: .imap([IMAPConfig(name: "imap", url: imap.url, username: support, password: servers.password,
                                      caFile: imap.caFile, allowInsecure: false, pollInterval: 1,
                                      processedFolder: processedFolder)]),
            sink: .smtp(SMTPConfig(url: smtp.url, username: support, password: servers.password,
                                   caFile: servers.caFile, allowInsecure: false, heloName: "maildesk.test")),
            helpdesk: HelpdeskConfig(address: support, name: "Test Support", subjectTag: "#",
                                     secretFile: state + "/secret", admin: nil, closedReply: .reopen,
                                     trustedAuthservID: nil, templates: nil, agents: []))
    }

    func app(_ configuration: MaildeskConfiguration? = nil, hooks: MaildeskApp.Hooks = .init()) throws -> MaildeskApp {
        try MaildeskApp(configuration: configuration ?? self.configuration(), logger: logger, hooks: hooks)
    }

    /// A customer mail as a mail client would write it.
    func customerMail(subject: String, messageID: String, inReplyTo: String? = nil, references: [String] = [],
                      extraHeaders: [String] = [], body: String = "Hello, my order did not arrive.") -> [UInt8] {
        var lines = ["From: Ana Customer <\(customer)>", "To: \(support)", "Subject: \(subject)",
                     "Date: Tue, 13 Jan 2026 09:00:00 +0100", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
                     "Content-Type: text/plain; charset=utf-8"]
        if let inReplyTo { lines.append("In-Reply-To: <\(inReplyTo)>") }
        if !references.isEmpty { lines.append("References: " + references.map { "<\($0)>" }.joined(separator: " ")) }
        lines += extraHeaders + ["", body, ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// Sends a mail from the customer to the support address through Postfix (STARTTLS + AUTH).
    func sendFromCustomer(_ message: [UInt8], to recipient: String? = nil) throws {
        let smtp = try SMTPConnection(endpoint: servers.smtpEndpoint(user: customer), heloName: "customer.test", logger: logger)
        _ = try smtp.send(from: customer, recipient: recipient ?? support, message: message)
    }

    /// Puts a mail straight into the support INBOX (IMAP APPEND), for mail Postfix would not take.
    func appendToSupport(_ message: [UInt8]) throws {
        try IMAPConnection(endpoint: servers.imapEndpoint(user: support), logger: logger).append(message)
    }

    /// Waits (bounded) until `user`'s mailbox holds at least `count` messages; returns their raw bytes.
    func waitForMail(_ user: String, mailbox: String = "INBOX", count: Int, timeout: Double = 20) throws -> [[UInt8]] {
        let connection = try IMAPConnection(endpoint: servers.imapEndpoint(user: user, mailbox: mailbox), logger: logger)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let status = try connection.status()
            if status.messages >= count {
                let uids = try connection.searchUIDs(from: 1)
                return try uids.map { try connection.fetch(uid: $0, uidValidity: status.uidValidity) }
            }
            guard Date() < deadline else {
                throw PipelineTimeout(description: "\(user) \(mailbox) has \(status.messages) of \(count) messages after \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    func messageCount(_ user: String, mailbox: String = "INBOX") throws -> Int {
        try IMAPConnection(endpoint: servers.imapEndpoint(user: user, mailbox: mailbox), logger: logger).status().messages
    }
}

struct PipelineTimeout: Error, CustomStringConvertible { var description: String }

/// A clock tests can move forward, for retry backoff without sleeping.
final class ManualClock: Sendable {
    let now = Mutex(Date())
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var closure: @Sendable () -> Date { { [self] in now.withLock { $0 } } }
}
