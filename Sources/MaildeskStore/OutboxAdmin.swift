import Foundation
import GRDB

/// One outbox row as an admin sees it (`maildesk outbox list`): everything but the whole message; `head`
/// holds its first bytes, enough for the Subject header.
public struct OutboxSummary: Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var ticketId: Int64?
    public var kind: String
    public var recipient: String
    /// Nil for a status this version does not know (a newer version's): no verb touches such a row.
    public var status: OutboxRecord.Status?
    public var rawStatus: String
    public var attempts: Int
    public var nextAttemptAt: Date
    public var leaseUntil: Date?
    public var leaseOwner: String?
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var head: Data

    public init(row: Row) throws {
        id = row["id"]
        ticketId = row["ticket_id"]
        kind = row["kind"]
        recipient = row["recipient"]
        rawStatus = row["status"]
        status = OutboxRecord.Status(rawValue: rawStatus)
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        leaseUntil = row["lease_until"]
        leaseOwner = row["lease_owner"]
        lastError = row["last_error"]
        createdAt = row["created_at"]
        sentAt = row["sent_at"]
        head = row["head"] ?? Data()
    }

    /// Queued again after a failed attempt (Postfix's "deferred").
    public var isDeferred: Bool { status == .queued && attempts > 0 }
}

/// The admin's verbs on the outbox (`outbox list|flush|retry|drop`), like Postfix's `mailq`,
/// `postqueue -f`, `postsuper -r` and `postsuper -d` (docs/admin-guide.md#the-outbox).
public enum OutboxAdmin {
    static let columns = """
        id, ticket_id, kind, recipient, status, attempts, next_attempt_at, lease_until, lease_owner, last_error,
        created_at, sent_at, substr(data, 1, 16384) AS head
        """

    /// Rows in id order; `statuses` nil lists every row.
    public static func list(_ db: Database, statuses: [OutboxRecord.Status]? = nil) throws -> [OutboxSummary] {
        guard let statuses else {
            return try OutboxSummary.fetchAll(db, sql: "SELECT \(columns) FROM outbox ORDER BY id")
        }
        let marks = statuses.map { _ in "?" }.joined(separator: ", ")
        return try OutboxSummary.fetchAll(db, sql: "SELECT \(columns) FROM outbox WHERE status IN (\(marks)) ORDER BY id",
                                          arguments: StatementArguments(statuses.map(\.rawValue)))
    }

    public static func row(_ db: Database, id: Int64) throws -> OutboxSummary? {
        try OutboxSummary.fetchOne(db, sql: "SELECT \(columns) FROM outbox WHERE id = ?", arguments: [id])
    }

    /// Queued rows whose next attempt is still in the future (waiting out a backoff).
    public static func waitingCount(_ db: Database, now: Date) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND next_attempt_at > ?",
                         arguments: [now]) ?? 0
    }

    /// `sending` rows whose lease has not run out yet, with their owners.
    public static func activeLeases(_ db: Database, now: Date) throws -> [OutboxSummary] {
        try OutboxSummary.fetchAll(db, sql: "SELECT \(columns) FROM outbox WHERE status = 'sending' AND lease_until > ? ORDER BY id",
                                   arguments: [now])
    }

    /// Makes every queued row due now and puts the `sending` rows in `reclaim` (leased by a process that
    /// is gone) back in the queue. Returns how many rows changed.
    @discardableResult
    public static func expedite(_ db: Database, now: Date, reclaim: [Int64]) throws -> Int {
        try db.execute(sql: "UPDATE outbox SET next_attempt_at = ? WHERE status = 'queued' AND next_attempt_at > ?",
                       arguments: [now, now])
        var changed = db.changesCount
        for id in reclaim {
            try db.execute(sql: """
                UPDATE outbox SET status = 'queued', next_attempt_at = ?, lease_until = NULL, lease_owner = NULL
                WHERE id = ? AND status = 'sending'
                """, arguments: [now, id])
            changed += db.changesCount
        }
        return changed
    }

    /// Queues row `id` for an attempt now. A failed or dropped row starts its attempts afresh, so the retry
    /// policy gives it its whole schedule again; the ticket records who did it.
    public static func requeue(_ db: Database, _ row: OutboxSummary, now: Date, actor: String) throws {
        let id = row.id
        let fresh = row.status == .failed || row.status == .dropped
        try db.execute(sql: """
            UPDATE outbox SET status = 'queued', next_attempt_at = ?, lease_until = NULL, lease_owner = NULL,
            attempts = CASE WHEN ? THEN 0 ELSE attempts END WHERE id = ?
            """, arguments: [now, fresh, id])
        try event(db, row, actor: actor, action: "outbox_retry",
                  detail: "mail \(id) to \(row.recipient) queued again (was \(row.rawStatus), \(row.attempts) attempts)",
                  now: now)
    }

    /// Sets row `id` aside for good: `dropped`, never sent; the ticket records who did it.
    public static func drop(_ db: Database, _ row: OutboxSummary, now: Date, actor: String) throws {
        let id = row.id
        try db.execute(sql: """
            UPDATE outbox SET status = 'dropped', lease_until = NULL, lease_owner = NULL,
            last_error = COALESCE(last_error, 'dropped by ' || ?) WHERE id = ?
            """, arguments: [actor, id])
        try event(db, row, actor: actor, action: "outbox_drop",
                  detail: "mail \(id) to \(row.recipient) dropped (was \(row.rawStatus), \(row.attempts) attempts)",
                  now: now)
    }

    /// The ticket's event log and a `system` entry, so `tickets show` tells agents what became of the mail.
    static func event(_ db: Database, _ row: OutboxSummary, actor: String, action: String, detail: String, now: Date) throws {
        guard let ticket = row.ticketId else { return }
        var entry = EntryRecord(ticketId: ticket, kind: "system", body: "outbox: \(detail) by \(actor)", createdAt: now)
        entry.author = actor
        try entry.insertFast(db)
        try db.execute(sql: """
            INSERT INTO ticket_event (ticket_id, actor, action, detail, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [ticket, actor, action, detail, entry.id, now])
    }
}
