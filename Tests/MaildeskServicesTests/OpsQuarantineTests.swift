import Foundation
import GRDB
import MaildeskServices
import MaildeskStore
import Testing

/// `quarantine retry|drop` through the real ingest path (Maildir in, .eml outbox).
@Suite struct OpsQuarantineTests {
    static let bigBody = String(repeating: "My order 4711 did not arrive. ", count: 40)

    func status(_ app: MaildeskApp, _ id: Int64) async throws -> String? {
        try await app.database.writer.read { try String.fetchOne($0, sql: "SELECT status FROM quarantine WHERE id = ?", arguments: [id]) }
    }

    func count(_ app: MaildeskApp, _ sql: String) async throws -> Int {
        try await app.database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// Quarantined at a small limit, then retried after the limit was raised: a new ticket, the row is
    /// `retried`, the raw bytes are stored once, and polling the source again adds nothing.
    @Test func retryAfterRaisingMaxMessageBytes() async throws {
        let state = try TestSupport.temporaryDirectory()
        let mail = TestSupport.mail(from: "ana@customer.test", subject: "Large", messageID: "q1@customer.test", body: Self.bigBody)
        let maildir = try TestSupport.makeMaildir(in: state, [mail])
        let strict = try TestSupport.app(state: state, maildir: maildir, maxMessageBytes: 300)
        _ = try await strict.pollOnce(send: false)
        let id = try #require(try await strict.database.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM quarantine") })
        #expect(try await status(strict, id) == "held")

        // Still too big with the old limit: the row stays held.
        let again = try await strict.retryQuarantined(id: id)
        guard case let .stillFailing(reason) = again else { Issue.record("\(again)"); return }
        #expect(reason.contains("max_message_bytes"))
        #expect(try await status(strict, id) == "held")

        let raised = try TestSupport.app(state: state, maildir: maildir)
        let outcome = try await raised.retryQuarantined(id: id)
        guard case let .processed(.entry(ticket, _, newTicket, _, queued)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(ticket == 1)
        #expect(newTicket)
        #expect(queued == 1)
        #expect(try await status(raised, id) == "retried")
        #expect(try await count(raised, "SELECT COUNT(*) FROM raw_message") == 1)
        #expect(try await count(raised, "SELECT COUNT(*) FROM ingest_record") == 1)
        #expect(try await count(raised, "SELECT COUNT(*) FROM ingest_record WHERE outcome = 'entry'") == 1)
        #expect(try await count(raised, "SELECT COUNT(*) FROM entry e JOIN quarantine q ON q.raw_id = e.raw_id") == 1)

        let poll = try await raised.pollOnce(send: false)
        let entries = try await count(raised, "SELECT COUNT(*) FROM entry WHERE kind = 'customer'")
        #expect(entries == 1, "\(entries) \(poll)")
        #expect(try await count(raised, "SELECT COUNT(*) FROM outbox") == 1)

        await #expect(throws: QuarantineActions.Refused.self) { try await raised.retryQuarantined(id: id) }
    }

    @Test func retryOfAFollowUpAddsToTheTicket() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state, maxMessageBytes: 400)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "f1@customer.test"))
        let result = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Re: [#1] Help",
                                                                  messageID: "f2@customer.test", inReplyTo: "f1@customer.test",
                                                                  body: Self.bigBody))
        guard case let .quarantined(id, _) = result else { Issue.record("\(result)"); return }
        let outboxBefore = try await count(app, "SELECT COUNT(*) FROM outbox")
        let raised = try TestSupport.app(state: state)
        let outcome = try await raised.retryQuarantined(id: id)
        guard case let .processed(.entry(ticket, _, newTicket, rule, queued)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(ticket == 1)
        #expect(!newTicket)
        #expect(rule == "references")
        #expect(queued == 0)
        #expect(try await count(raised, "SELECT COUNT(*) FROM outbox") == outboxBefore)
    }

    @Test func dropKeepsTheRawBytes() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state, maxMessageBytes: 100)
        let result = try await app.ingestMessage(TestSupport.mail(from: "eve@spam.test", subject: "Junk", messageID: "d1@spam.test",
                                                                  body: Self.bigBody))
        guard case let .quarantined(id, _) = result else { Issue.record("\(result)"); return }
        #expect(try await app.dropQuarantined(id: id) == .dropped)
        #expect(try await status(app, id) == "dropped")
        #expect(try await app.dropQuarantined(id: id) == .alreadyDropped)
        let raw = try await app.database.writer.read { try QuarantineQueries.raw($0, id: id) }
        #expect(raw.map { Array($0) } == TestSupport.mail(from: "eve@spam.test", subject: "Junk", messageID: "d1@spam.test",
                                                           body: Self.bigBody))
        await #expect(throws: QuarantineActions.Refused.self) { try await app.retryQuarantined(id: id) }
        await #expect(throws: QuarantineActions.Refused.self) { try await app.dropQuarantined(id: 999) }
        #expect(try await count(app, "SELECT COUNT(*) FROM entry") == 0)
    }
}
