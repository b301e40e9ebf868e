import Foundation
import GRDB

/// Closed tickets as training data for the due estimate, and the facts of one new ticket.
public enum DueQueries {
    /// One closed ticket: category, priority, creation, close (the last `#close`/`#solve` event, else
    /// `updated_at`, as in `stats`), the first customer text's length and the customer's earlier tickets.
    public struct ClosedTicket: Sendable {
        public var category: String?
        public var priority: String
        public var createdAt: Date
        public var closedAt: Date
        public var textLength: Int
        public var priorTickets: Int
    }

    /// The newest `limit` closed tickets (merged and erased ones left out).
    public static func closedTickets(_ db: Database, limit: Int = 5000) throws -> [ClosedTicket] {
        try Row.fetchAll(db, sql: """
            SELECT t.category, t.priority, t.created_at,
              COALESCE((SELECT MAX(v.created_at) FROM ticket_event v WHERE v.ticket_id = t.id
                        AND lower(v.action) IN ('#close', '#solve')), t.updated_at) AS closed_at,
              COALESCE((SELECT length(e.body) FROM entry e WHERE e.ticket_id = t.id AND e.kind = 'customer'
                        ORDER BY e.id LIMIT 1), 0) AS text_length,
              (SELECT COUNT(*) FROM ticket p WHERE p.customer = t.customer AND p.id < t.id) AS prior
            FROM ticket t
            WHERE t.status = 'closed' AND t.merged_into IS NULL AND t.customer NOT LIKE '%@erased.invalid'
            ORDER BY t.id DESC LIMIT ?
            """, arguments: [limit]).map {
            ClosedTicket(category: $0["category"], priority: $0["priority"], createdAt: $0["created_at"],
                         closedAt: $0["closed_at"], textLength: $0["text_length"], priorTickets: $0["prior"])
        }
    }

    /// Tickets `customer` opened before ticket `id`.
    public static func priorTickets(_ db: Database, customer: String, before id: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM ticket WHERE customer = ? AND id < ?"),
                         arguments: [customer, id]) ?? 0
    }
}
