import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Testing

/// Agents' commands through the CLI verbs (the same code as mail): atomic application, merge, cc,
/// tags, the audit trail, and the delivery-failure notice (Maildir in, .eml files out).
@Suite struct TicketActionsTests {
    func app(_ state: String, mails: [[UInt8]]) async throws -> MaildeskApp {
        let maildir = try TestSupport.makeMaildir(in: state, mails)
        var config = TestSupport.configuration(state: state, maildir: maildir)
        config.helpdesk.agents = [AgentConfig(id: "alice", address: "alice@example.test", name: "Alice"),
                                  AgentConfig(id: "bob", address: "bob@example.test", name: "Bob")]
        let app = try MaildeskApp(configuration: config, logger: Logger(label: "test"))
        _ = try await app.pollOnce(send: true)
        return app
    }

    func ticket(_ app: MaildeskApp, _ id: Int64) async throws -> TicketRecord {
        try #require(try await app.database.writer.read { try TicketRecord.fetchOne($0, key: id) })
    }

    @Test func oneBadLineAppliesNothingAndGoodLinesApplyTogether() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try await app(state, mails: [TestSupport.mail(from: "ana@customer.test", subject: "VPN", messageID: "a@c.test")])
        await #expect(throws: MaildeskApp.AgentVerbError.self) {
            try await app.agentWrites(ticketID: 1, agentID: "alice", text: "#priority urgent\n#assign carol\nHello", note: false)
        }
        var t = try await ticket(app, 1)
        #expect(t.priority == "normal")
        #expect(t.assignee == nil)
        let result = try await app.agentWrites(ticketID: 1, agentID: "alice",
                                               text: "#priority urgent\n#assign bob\n#tag vip\n#cc add boss@customer.test\nHello Ana", note: false)
        #expect(result.applied.count == 4)
        #expect(result.queued == 3)   // customer and the new cc get the reply; bob (assignee) a copy
        t = try await ticket(app, 1)
        #expect(t.priority == "urgent")
        #expect(t.assignee == "bob")
        #expect(t.status == "pending")
        let (tags, events, participants) = try await app.database.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT tag FROM ticket_tag WHERE ticket_id = 1"),
             try String.fetchAll(db, sql: "SELECT actor || ' ' || action FROM ticket_event WHERE ticket_id = 1 ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT address || ':' || role FROM participant WHERE ticket_id = 1 ORDER BY rowid"))
        }
        #expect(tags == ["vip"])
        #expect(events.contains("alice reply"))
        #expect(events.contains("alice #assign bob"))
        #expect(events.contains { $0.hasPrefix("alice rejected") })
        #expect(participants.contains("boss@customer.test:cc"))
        #expect(participants.contains("alice@example.test:agent"))
    }

    @Test func mergeMovesEverythingAndLaterMailFollows() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try await app(state, mails: [
            TestSupport.mail(from: "ana@customer.test", subject: "Invoice", messageID: "m1@c.test"),
            TestSupport.mail(from: "ana@customer.test", subject: "Invoice again", messageID: "m2@c.test"),
        ])
        await #expect(throws: MaildeskApp.AgentVerbError.self) { try await app.runCommand("#merge 2", ticketID: 2, actor: "cli:test") }
        await #expect(throws: MaildeskApp.AgentVerbError.self) { try await app.runCommand("#merge 9", ticketID: 2, actor: "cli:test") }
        _ = try await app.runCommand("#merge 1", ticketID: 2, actor: "cli:test")
        let merged = try await ticket(app, 2)
        #expect(merged.status == "closed")
        #expect(merged.mergedInto == 1)
        let kinds = try await app.database.writer.read {
            try String.fetchAll($0, sql: "SELECT kind FROM entry WHERE ticket_id = 1 ORDER BY id")
        }
        #expect(kinds.filter { $0 == "customer" }.count == 2)
        #expect(kinds.contains("system"))
        // A note written to the merged ticket lands in ticket 1.
        let note = try await app.agentWrites(ticketID: 2, agentID: "alice", text: "Same customer, same invoice.", note: true)
        #expect(note.queued == 0)
        let author = try await app.database.writer.read {
            try String.fetchOne($0, sql: "SELECT author FROM entry WHERE kind = 'note' AND ticket_id = 1")
        }
        #expect(author == "alice")
        let assigned = try await app.runCommand("#assign bob", ticketID: 1, actor: "cli:test")
        #expect(assigned.queued == 1)   // bob is told
        #expect(try await ticket(app, 1).assignee == "bob")
        _ = try await app.runCommand("#close", ticketID: 1, actor: "cli:test")
        #expect(try await ticket(app, 1).status == "closed")
        _ = try await app.runCommand("#reopen", ticketID: 1, actor: "cli:test")
        #expect(try await ticket(app, 1).status == "open")
    }

    @Test func aPermanentFailureIsShownOnTheTicketAndTheAgentIsTold() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try await app(state, mails: [TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "f@c.test")])
        _ = try await app.agentWrites(ticketID: 1, agentID: "alice", text: "On it.", note: false)
        let row = try #require(try await app.database.writer.read { db in
            try OutboxRecord.fetchOne(db, sql: "SELECT * FROM outbox WHERE kind = 'agent'")
        })
        try await app.database.writer.write { db in
            try OutboxQueue.markFailed(db, id: row.id!, error: "550 5.1.1 no such user", retryAt: nil)
        }
        // What the sender's hook does on a 5xx, called directly.
        try await app.database.writer.write { db in try app.recordPermanentFailure(db, row, reason: "550 5.1.1 no such user") }
        let (system, notices) = try await app.database.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT body FROM entry WHERE kind = 'system' AND ticket_id = 1"),
             try String.fetchAll(db, sql: "SELECT recipient FROM outbox WHERE kind = 'system'"))
        }
        #expect(system.contains { $0.contains("ana@customer.test could not be delivered: 550 5.1.1") })
        #expect(notices == ["alice@example.test"])
    }
}
