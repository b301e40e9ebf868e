import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Testing

/// The due estimate end to end: closed history → fitted at poll → `due_at` on a new ticket and the
/// expected time in the agent's notification.
@Suite struct DueEstimateTests {
    @Test func newTicketsGetADueDateOnceEnoughTicketsWereClosed() async throws {
        let state = try TestSupport.temporaryDirectory()
        let maildir = try TestSupport.makeMaildir(in: state, [])
        var config = TestSupport.configuration(state: state, maildir: maildir)
        config.helpdesk.agents = [AgentConfig(id: "alice", address: "alice@example.test", name: "Alice")]
        let app = try MaildeskApp(configuration: config, logger: Logger(label: "test"))
        // 30 closed tickets that each took 6 hours.
        try await app.database.writer.write { db in
            let start = Date().addingTimeInterval(-40 * 86_400)
            for n in 0..<30 {
                let created = start.addingTimeInterval(Double(n) * 86_400)
                try db.execute(sql: """
                    INSERT INTO ticket (subject, status, priority, customer, created_at, updated_at)
                    VALUES ('Old question', 'closed', 'normal', ?, ?, ?)
                    """, arguments: ["c\(n)@customer.test", created, created.addingTimeInterval(6 * 3600)])
            }
        }
        try TestSupport.addToMaildir(state, TestSupport.mail(from: "ana@customer.test", subject: "New question", messageID: "d@c.test"))
        _ = try await app.pollOnce(send: true)
        let ticket = try #require(try await app.database.writer.read {
            try TicketRecord.fetchOne($0, sql: "SELECT * FROM ticket WHERE subject = 'New question'")
        })
        let due = try #require(ticket.dueAt)
        #expect(abs(due.timeIntervalSince(ticket.createdAt) / 3600 - 6) < 1.5)
        let notification = try FileManager.default.contentsOfDirectory(atPath: state + "/outbox")
            .filter { $0.contains("alice@example.test") }
            .map { try String(contentsOfFile: state + "/outbox/" + $0, encoding: .utf8) }
        #expect(notification.contains { $0.contains("Due: in about") })
        let stats = try Insight(database: app.database).stats(since: Date().addingTimeInterval(-60 * 86_400))
        #expect(stats.dueEstimateMaeHours.map { $0 < 1 } == true)
    }
}
