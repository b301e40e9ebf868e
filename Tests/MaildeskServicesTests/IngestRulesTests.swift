import Foundation
import GRDB
import MaildeskServices
import MaildeskStore
import MailMIME
import Testing

/// Threading, duplicates, loop rules and quarantine through the real ingest path.
@Suite struct IngestRulesTests {
    func entryCount(_ app: MaildeskApp) async throws -> Int {
        try await app.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") ?? 0 }
    }

    @Test func replyToAcknowledgementJoinsTicket() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "a1@customer.test"))
        let ackID = try #require(try await app.database.writer.read {
            try String.fetchOne($0, sql: "SELECT message_id FROM outbox LIMIT 1")
        })
        let reply = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Re: [#1] Help",
                                                                 messageID: "a2@customer.test", inReplyTo: ackID))
        guard case let .entry(ticket, _, newTicket, rule, queued) = reply else { Issue.record("\(reply)"); return }
        #expect(ticket == 1)
        #expect(!newTicket)
        #expect(rule == "references")
        #expect(queued == 0)
        let explained = try #require(try await app.database.writer.read { try ExplainQueries.explain($0, id: "<a2@customer.test>") })
        #expect(explained.ticket == 1)
        #expect(explained.explanation["rule"] == .string("references"))
        #expect(explained.explanation["mail_class"] == .string("human"))
    }

    @Test func strangerQuotingATagGetsOwnTicket() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "b1@customer.test"))
        let result = try await app.ingestMessage(TestSupport.mail(from: "eve@evil.test", subject: "Re: [#1] Help",
                                                                  messageID: "b2@evil.test"))
        guard case let .entry(ticket, _, newTicket, rule, _) = result else { Issue.record("\(result)"); return }
        #expect(ticket == 2)
        #expect(newTicket)
        #expect(rule == "new")
        let explained = try #require(try await app.database.writer.read { try ExplainQueries.explain($0, id: "b2@evil.test") })
        guard case let .array(rejected)? = explained.explanation["rejected"], case let .object(first)? = rejected.first else {
            Issue.record("no rejected candidates recorded"); return
        }
        #expect(first["rule"] == .string("subject_tag"))
        #expect(first["candidate"] == .string("1"))
    }

    /// A stranger naming the customer's own Message-ID (anyone on Cc knows it) gets a ticket of their own
    /// and does not reopen the customer's closed ticket; someone the customer copied still threads.
    @Test func strangerQuotingACustomerMessageIDGetsOwnTicket() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "h1@customer.test",
                                                         extraHeaders: ["Cc: bo@customer.test"]))
        try await app.database.writer.write { try $0.execute(sql: "UPDATE ticket SET status = 'closed' WHERE id = 1") }
        let stranger = try await app.ingestMessage(TestSupport.mail(from: "eve@evil.test", subject: "Re: Help",
                                                                    messageID: "h2@evil.test", inReplyTo: "h1@customer.test"))
        guard case let .entry(ticket, _, newTicket, rule, _) = stranger else { Issue.record("\(stranger)"); return }
        #expect(ticket == 2)
        #expect(newTicket)
        #expect(rule == "new")
        let status = try await app.database.writer.read { try String.fetchOne($0, sql: "SELECT status FROM ticket WHERE id = 1") }
        #expect(status == "closed")
        let explained = try #require(try await app.database.writer.read { try ExplainQueries.explain($0, id: "h2@evil.test") })
        guard case let .array(rejected)? = explained.explanation["rejected"], case let .object(first)? = rejected.first else {
            Issue.record("no rejected candidates recorded"); return
        }
        #expect(first["rule"] == .string("references"))
        #expect(first["candidate"] == .string("h1@customer.test"))
        #expect(first["why"] == .string("sender eve@evil.test is not a participant of ticket 1"))

        let copied = try await app.ingestMessage(TestSupport.mail(from: "bo@customer.test", subject: "Re: Help",
                                                                  messageID: "h3@customer.test", inReplyTo: "h1@customer.test"))
        guard case let .entry(boTicket, _, _, boRule, _) = copied else { Issue.record("\(copied)"); return }
        #expect(boTicket == 1)
        #expect(boRule == "references")
    }

    @Test func sameMessageTwiceIsADuplicate() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        let mail = TestSupport.mail(from: "ana@customer.test", subject: "Twice", messageID: "c1@customer.test")
        _ = try await app.ingestMessage(mail)
        let before = try await entryCount(app)
        let second = try await app.ingestMessage(mail)
        guard case .duplicate(let original) = second else { Issue.record("\(second)"); return }
        #expect(original == 1)
        #expect(try await entryCount(app) == before)

        // Same Message-ID, different bytes: kept, with a defect.
        let changed = TestSupport.mail(from: "ana@customer.test", subject: "Twice", messageID: "c1@customer.test", body: "other")
        let third = try await app.ingestMessage(changed)
        guard case .entry = third else { Issue.record("\(third)"); return }
        let defects = try await app.database.writer.read {
            try String.fetchOne($0, sql: "SELECT defects_json FROM entry WHERE kind = 'customer' ORDER BY id DESC LIMIT 1")
        }
        #expect(defects?.contains("duplicate-message-id") == true)
    }

    @Test(arguments: [
        "Auto-Submitted: auto-replied", "Precedence: bulk", "List-Id: <news.lists.example.test>", "Return-Path: <>",
        "Precedence: bulk (mass mail)", "Precedence: Auto_Reply (vacation)",
    ])
    func machineMailIsStoredButNotAcknowledged(header: String) async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        let result = try await app.ingestMessage(TestSupport.mail(from: "robot@customer.test", subject: "Out of office",
                                                                  messageID: "d1@customer.test", extraHeaders: [header]))
        guard case let .entry(_, _, _, _, queued) = result else { Issue.record("\(result)"); return }
        #expect(queued == 0)
        let kinds = try await app.database.writer.read { try String.fetchAll($0, sql: "SELECT kind FROM entry") }
        #expect(kinds == ["machine"])
    }

    @Test(arguments: ["mailer-daemon@customer.test", "noreply@shop.example.test", "no-reply@shop.example.test"])
    func machineSendersAreNotAcknowledged(sender: String) async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        let result = try await app.ingestMessage(TestSupport.mail(from: sender, subject: "Notice", messageID: "e1@x.test"))
        guard case let .entry(_, _, _, _, queued) = result else { Issue.record("\(result)"); return }
        #expect(queued == 0)
    }

    @Test func oversizedMessageIsQuarantinedAndOthersContinue() async throws {
        let state = try TestSupport.temporaryDirectory()
        let big = TestSupport.mail(from: "ana@customer.test", subject: "Big", messageID: "f1@customer.test",
                                   body: String(repeating: "x", count: 5000))
        let small = TestSupport.mail(from: "bo@customer.test", subject: "Small", messageID: "f2@customer.test")
        let maildir = try TestSupport.makeMaildir(in: state, [big, small])
        let app = try TestSupport.app(state: state, maildir: maildir, maxMessageBytes: 2000)
        let (report, _) = try await app.pollOnce(send: false)
        #expect(report.quarantined == 1)
        #expect(report.newTickets == 1)
        let held = try await app.database.writer.read { try QuarantineQueries.list($0) }
        #expect(held.count == 1)
        #expect(held.first?.reason.contains("max_message_bytes") == true)
        let raw = try await app.database.writer.read { try QuarantineQueries.raw($0, id: held[0].id) }
        #expect(raw.map(Array.init) == big)
    }

    /// Outlook's Thread-Index: 22 bytes (reserved, FILETIME, conversation GUID) + 5 per reply level.
    static func threadIndex(guid: UInt8, replies: Int) -> String {
        var bytes: [UInt8] = [1, 0xD9, 0x12, 0x34, 0x56, 0x78] + Array(repeating: guid, count: 16)
        for level in 0..<replies { bytes += [UInt8(level), 1, 2, 3, 4] }
        return Data(bytes).base64EncodedString()
    }

    @Test func outlookReplyWithoutReferencesFollowsThreadIndex() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Totals wrong", messageID: "o1@customer.test",
                                                         extraHeaders: ["Thread-Index: \(Self.threadIndex(guid: 0x42, replies: 0))"]))
        _ = try await app.ingestMessage(TestSupport.mail(from: "bo@customer.test", subject: "Other", messageID: "o2@customer.test",
                                                         extraHeaders: ["Thread-Index: \(Self.threadIndex(guid: 0x43, replies: 0))"]))
        let reply = try await app.ingestMessage(TestSupport.mail(
            from: "ana@customer.test", subject: "AW: Totals wrong", messageID: "o3@customer.test",
            extraHeaders: ["Thread-Index: \(Self.threadIndex(guid: 0x42, replies: 2))"]))
        guard case let .entry(ticket, _, newTicket, rule, _) = reply else { Issue.record("\(reply)"); return }
        #expect(ticket == 1)
        #expect(!newTicket)
        #expect(rule == "thread_index")
    }

    @Test func acknowledgementReplyToCarriesASignedTokenThatThreads() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "k1@customer.test"))
        _ = try await app.flushOutbox()
        let files = try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }
        let ack = MIMEParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: state + "/outbox/" + #require(files.first)))))
        let replyTo = try #require(ack.replyTo.first?.address)
        #expect(replyTo.hasPrefix("support+"))
        #expect(replyTo.hasSuffix("@maildesk.test"))
        // A reply that lost every header but still goes to the token address.
        var bare = TestSupport.mail(from: "ana@customer.test", subject: "my order", messageID: "k2@customer.test")
        bare = Array(String(decoding: bare, as: UTF8.self).replacingOccurrences(of: "To: support@maildesk.test", with: "To: \(replyTo)").utf8)
        let result = try await app.ingestMessage(bare)
        guard case let .entry(ticket, _, _, rule, _) = result else { Issue.record("\(result)"); return }
        #expect(ticket == 1)
        #expect(rule == "token")
    }
}
