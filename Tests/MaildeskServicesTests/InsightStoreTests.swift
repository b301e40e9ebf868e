import Foundation
import GRDB
import HelpdeskInsight
import MaildeskServices
import MaildeskStore
import Testing

/// `stats` figures from database rows written directly with fixed timestamps: which entry is the first
/// response, which event closes a ticket, what counts as reopened, what merged tickets count for.
@Suite struct InsightStoreTests {
    static let base = Date(timeIntervalSince1970: 1_793_577_600)   // 2026-11-02T00:00:00Z
    static func at(_ hours: Double) -> Date { base.addingTimeInterval(hours * 3_600) }

    struct Fixture {
        let db: Database
        @discardableResult
        func ticket(_ status: String, created: Double, updated: Double? = nil, category: String? = nil,
                    assignee: String? = nil, mergedInto: Int64? = nil) throws -> Int64 {
            try db.execute(sql: """
                INSERT INTO ticket (subject, status, priority, category, customer, assignee, merged_into, created_at, updated_at)
                VALUES ('s', ?, 'normal', ?, 'c@customer.test', ?, ?, ?, ?)
                """, arguments: [status, category, assignee, mergedInto, at(created), at(updated ?? created)])
            return db.lastInsertedRowID
        }
        func entry(_ ticket: Int64, _ kind: String, at hours: Double, body: String = "text") throws {
            try db.execute(sql: "INSERT INTO entry (ticket_id, kind, body, full_body, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [ticket, kind, body, body, at(hours)])
        }
        func event(_ ticket: Int64, _ action: String, at hours: Double) throws {
            try db.execute(sql: "INSERT INTO ticket_event (ticket_id, actor, action, created_at) VALUES (?, 'alice', ?, ?)",
                           arguments: [ticket, action, at(hours)])
        }
    }

    func database() throws -> MaildeskDatabase {
        try MaildeskDatabase(path: try TestSupport.temporaryDirectory() + "/insight.sqlite")
    }

    @Test func firstResponseResolutionAndAutoAnswersFromRows() throws {
        let database = try database()
        try database.write { db in
            let f = Fixture(db: db)
            // 1: a note is no response; the agent answers after 2 h; #close at 5 h, reopened, #SOLVE at 9 h.
            let one = try f.ticket("closed", created: 0, updated: 20, category: "billing", assignee: "alice")
            try f.entry(one, "customer", at: 0)
            try f.entry(one, "note", at: 1)
            try f.entry(one, "agent", at: 2)
            try f.event(one, "#close", at: 5)
            try f.event(one, "#reopen", at: 6)
            try f.event(one, "#SOLVE", at: 9)
            // 2: auto-answered after 1 h, the customer writes again: counts against precision.
            let two = try f.ticket("open", created: 1, category: "billing")
            try f.entry(two, "customer", at: 1)
            try f.entry(two, "auto_answer", at: 2)
            try f.entry(two, "customer", at: 3)
            // 3: auto-answered after 4 h, closed without an event: resolution from updated_at (12 h).
            let three = try f.ticket("closed", created: 2, updated: 14)
            try f.entry(three, "customer", at: 2)
            try f.entry(three, "auto_answer", at: 6)
            try f.entry(three, "agent", at: 7)
            // 4: merged into 1 — a new ticket, nothing else.
            let four = try f.ticket("closed", created: 3, updated: 4, mergedInto: one)
            try f.entry(four, "agent", at: 3.5)
            // 5: answered automatically, waiting (status answered).
            let five = try f.ticket("answered", created: 30, assignee: "bob")
            try f.entry(five, "auto_answer", at: 30.5)
            // 6: before the period, still pending: backlog only.
            try f.ticket("pending", created: -48)
        }
        let stats = try Insight(database: database).stats(since: Self.base, now: Self.at(50))
        #expect(stats.tickets == 5)
        #expect(stats.firstResponse.tickets == 4)
        // 2 h, 1 h, 4 h, 0.5 h → median 1.5 h, p90 at rank 2.7 → 2 + 0.7 · 2 h.
        #expect(abs(stats.firstResponse.medianSeconds! - 1.5 * 3_600) < 0.01)
        #expect(abs(stats.firstResponse.p90Seconds! - 3.4 * 3_600) < 0.01)
        // 9 h (the last #close/#solve) and 12 h (updated_at).
        #expect(stats.resolution.tickets == 2)
        #expect(abs(stats.resolution.medianSeconds! - 10.5 * 3_600) < 0.01)
        #expect(stats.autoAnswer.answered == 3)
        #expect(stats.autoAnswer.reopened == 1)
        #expect(abs(stats.autoAnswer.rate! - 3.0 / 5.0) < 1e-9)
        #expect(abs(stats.autoAnswer.precision! - 2.0 / 3.0) < 1e-9)
        #expect(stats.backlog == StatsReport.Backlog(open: 1, pending: 1, answered: 1))
        #expect(stats.volumePerDay.map(\.newTickets) == [4, 1, 0])
        #expect(stats.volumePerDay.map(\.backlog) == [2, 3, 3])
        #expect(stats.perCategory.map(\.name) == ["billing", nil])
        #expect(stats.perCategory.map(\.tickets) == [2, 2])
        #expect(stats.perAgent.map(\.name) == [nil, "alice", "bob"])
    }

    @Test func reportClustersTheFirstCustomerEntries() throws {
        let database = try database()
        let now = Self.at(24 * 8)
        try database.write { db in
            let f = Fixture(db: db)
            for (i, text) in ["parcel shipping delayed", "shipping delay parcel late", "delayed parcel shipping",
                              "password reset fails", "cannot reset password", "password reset link"].enumerated() {
                let id = try f.ticket("open", created: 24 * 7 + Double(i))
                try f.entry(id, "customer", at: 24 * 7 + Double(i), body: text)
                try f.entry(id, "customer", at: 24 * 7 + Double(i) + 1, body: "invoice invoice invoice")
            }
            let old = try f.ticket("open", created: 12)
            try f.entry(old, "customer", at: 12, body: "password reset again")
        }
        let report = try Insight(database: database).report(since: Self.base, days: 7, now: now)
        #expect(report.topics.count == 2)
        #expect(report.topics.map(\.previous) == [0, 1])
        #expect(report.topics[0].terms.contains("shipping"), "\(report.topics[0].terms)")
        #expect(!report.topics.flatMap(\.terms).contains("invoice"), "only the first customer entry counts")
        #expect(report.render().contains("Rising topic"))
    }
}
