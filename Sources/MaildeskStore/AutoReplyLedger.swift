import Foundation
import GRDB

/// What automatic mail went to whom (`auto_reply_log`) and whose circuit breaker is open
/// (`rate_limit_trip`): the rows the tiered limits read and write (docs/design.md#loop-safety).
public enum AutoReplyLedger {
    /// One automatic mail to `recipient` about `ticketID`.
    public static func record(_ db: Database, recipient: String, ticketID: Int64, at now: Date) throws {
        try FastSQL.execute(db, "INSERT INTO auto_reply_log (recipient, ticket_id, sent_at) VALUES (?, ?, ?)",
                            [recipient.lowercased(), ticketID, FastSQL.date(now)])
    }

    /// When automatic mail went to `recipient` since `since`, and about which ticket.
    public static func history(_ db: Database, recipient: String, since: Date) throws -> [(sentAt: Date, ticketID: Int64?)] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT sent_at, ticket_id FROM auto_reply_log WHERE recipient = ? AND sent_at >= ?"),
                         arguments: [recipient, FastSQL.date(since)])
            .compactMap { row in (row["sent_at"] as Date?).map { ($0, row["ticket_id"]) } }
    }

    public static func breakerOpen(_ db: Database, address: String, now: Date) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM rate_limit_trip WHERE address = ? AND until > ?)"),
                          arguments: [address, FastSQL.date(now)]) ?? false
    }

    /// Opens (or extends) the breaker for `address` until `until`.
    public static func trip(_ db: Database, address: String, reason: String, now: Date, until: Date) throws {
        try db.execute(sql: """
            INSERT INTO rate_limit_trip (address, reason, tripped_at, until) VALUES (?, ?, ?, ?)
            ON CONFLICT(address) DO UPDATE SET reason = excluded.reason, tripped_at = excluded.tripped_at, until = excluded.until
            """, arguments: [address, reason, FastSQL.date(now), FastSQL.date(until)])
    }
}
