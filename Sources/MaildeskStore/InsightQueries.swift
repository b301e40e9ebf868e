import Foundation
import GRDB

/// One ticket's history as `stats` and `report` need it (definitions in
/// docs/admin-guide.md#statistics-and-report).
public struct InsightTicketRow: Sendable, Equatable {
    public var id: Int64
    public var subject: String
    public var status: String
    public var category: String?
    public var assignee: String?
    public var createdAt: Date
    /// The earliest `agent` entry and the earliest `auto_answer` entry.
    public var firstAgentAt: Date?
    public var firstAutoAnswerAt: Date?
    /// Closed now: the last `#close`/`#solve` event, else `updated_at`. Nil when not closed.
    public var closedAt: Date?
    /// A `customer` entry arrived after the first `auto_answer` entry.
    public var customerWroteAfterAutoAnswer: Bool
    public var merged: Bool
}

/// The read side of `maildesk stats` and `maildesk report`.
public enum InsightQueries {
    /// Tickets created since `since`, and older ones that may have been in the backlog since then
    /// (not closed, or touched since): one row each, the history folded in by correlated subqueries
    /// over the `entry.ticket_id` and `ticket_event.ticket_id` indexes.
    public static func tickets(_ db: Database, since: Date) throws -> [InsightTicketRow] {
        try Row.fetchAll(db, sql: """
            SELECT t.id, t.subject, t.status, t.category, t.assignee, t.created_at, t.updated_at, t.merged_into,
              (SELECT MIN(e.created_at) FROM entry e WHERE e.ticket_id = t.id AND e.kind = 'agent') AS first_agent_at,
              (SELECT MIN(e.created_at) FROM entry e WHERE e.ticket_id = t.id AND e.kind = 'auto_answer') AS first_auto_at,
              (SELECT MAX(v.created_at) FROM ticket_event v WHERE v.ticket_id = t.id
                 AND lower(v.action) IN ('#close', '#solve')) AS close_event_at,
              EXISTS (SELECT 1 FROM entry c WHERE c.ticket_id = t.id AND c.kind = 'customer' AND c.created_at >
                 (SELECT MIN(a.created_at) FROM entry a WHERE a.ticket_id = t.id AND a.kind = 'auto_answer')) AS reopened
            FROM ticket t
            WHERE t.created_at >= ? OR t.status != 'closed' OR t.updated_at >= ?
            ORDER BY t.id
            """, arguments: [since, since]).map { row in
            let status: String = row["status"]
            let updated: Date = row["updated_at"]
            let closeEvent: Date? = row["close_event_at"]
            return InsightTicketRow(
                id: row["id"], subject: row["subject"], status: status, category: row["category"],
                assignee: row["assignee"], createdAt: row["created_at"], firstAgentAt: row["first_agent_at"],
                firstAutoAnswerAt: row["first_auto_at"], closedAt: status == "closed" ? (closeEvent ?? updated) : nil,
                customerWroteAfterAutoAnswer: row["reopened"], merged: (row["merged_into"] as Int64?) != nil)
        }
    }

    /// Ticket counts per status now, over all tickets.
    public static func statusCounts(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM ticket GROUP BY status") {
            counts[row["status"]] = row["n"]
        }
        return counts
    }

    /// The trimmed text (`body`) of the first `customer` entry of each ticket created in
    /// `[from, to)`, with the ticket's subject; merged tickets are left out.
    public static func firstCustomerTexts(_ db: Database, from: Date, to: Date) throws -> [(id: Int64, subject: String, text: String, createdAt: Date)] {
        try Row.fetchAll(db, sql: """
            SELECT t.id, t.subject, t.created_at,
              (SELECT e.body FROM entry e WHERE e.ticket_id = t.id AND e.kind = 'customer' ORDER BY e.id LIMIT 1) AS body
            FROM ticket t
            WHERE t.created_at >= ? AND t.created_at < ? AND t.merged_into IS NULL
            ORDER BY t.id
            """, arguments: [from, to]).map { row in
            (id: row["id"], subject: row["subject"], text: (row["body"] as String?) ?? "", createdAt: row["created_at"])
        }
    }
}
