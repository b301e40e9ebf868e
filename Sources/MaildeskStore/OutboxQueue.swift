import Foundation
import GRDB

/// The persistent outbox: rows are leased before sending so two senders never send the same row,
/// and a crashed sender's lease expires so the row is tried again.
public enum OutboxQueue {
    public static func enqueue(_ db: Database, _ record: OutboxRecord) throws -> OutboxRecord {
        var row = record
        try row.insertFast(db)
        return row
    }

    /// Leases up to `limit` rows that are due: queued ones, and sending ones whose lease ran out. `owner`
    /// names the leasing process so `outbox list` can tell a live sender from a dead one.
    public static func lease(_ db: Database, now: Date, limit: Int, leaseSeconds: Double, owner: String? = nil) throws
        -> [OutboxRecord] {
        let due = try OutboxRecord.fetchAll(db, sql: """
            SELECT * FROM outbox
            WHERE (status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?)
            ORDER BY id LIMIT ?
            """, arguments: [now, now, limit])
        let until = now.addingTimeInterval(leaseSeconds)
        for row in due {
            try db.execute(sql: "UPDATE outbox SET status = 'sending', lease_until = ?, lease_owner = ? WHERE id = ?",
                           arguments: [until, owner, row.id])
        }
        return due
    }

    /// Records `messageID` as one we generated for `ticketID` (replies naming it thread there).
    public static func remember(_ db: Database, messageID: String, ticketID: Int64) throws {
        try FastSQL.execute(db, "INSERT OR IGNORE INTO outbound_message_id (message_id, ticket_id) VALUES (?, ?)",
                            [messageID, ticketID])
    }

    /// The envelope sender of row `id` (its signed VERP address, known once the row has an id).
    public static func setEnvelopeFrom(_ db: Database, id: Int64, _ address: String) throws {
        try FastSQL.execute(db, "UPDATE outbox SET envelope_from = ? WHERE id = ?", [address, id])
    }

    /// Failed rows, rows still to send and the oldest of those (`doctor`).
    public static func health(_ db: Database) throws -> (failed: Int, queued: Int, oldestQueued: Date?) {
        (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'failed'") ?? 0,
         try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')") ?? 0,
         try Date.fetchOne(db, sql: "SELECT MIN(created_at) FROM outbox WHERE status IN ('queued', 'sending')"))
    }

    public static func markSent(_ db: Database, id: Int64, now: Date) throws {
        try db.execute(sql: """
            UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = NULL, lease_owner = NULL, attempts = attempts + 1, last_error = NULL
            WHERE id = ?
            """, arguments: [now, id])
    }

    /// Records a failed attempt: retried at `retryAt`, or failed for good when nil.
    public static func markFailed(_ db: Database, id: Int64, error: String, retryAt: Date?) throws {
        if let retryAt {
            try db.execute(sql: """
                UPDATE outbox SET status = 'queued', attempts = attempts + 1, next_attempt_at = ?,
                lease_until = NULL, lease_owner = NULL, last_error = ? WHERE id = ?
                """, arguments: [retryAt, error, id])
        } else {
            try db.execute(sql: """
                UPDATE outbox SET status = 'failed', attempts = attempts + 1, lease_until = NULL, lease_owner = NULL,
                last_error = ?
                WHERE id = ?
                """, arguments: [error, id])
        }
    }

    public static func depth(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')") ?? 0
    }

    public static func all(_ db: Database) throws -> [OutboxRecord] {
        try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id")
    }
}
