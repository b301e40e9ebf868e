import Foundation
import GRDB

/// `[retention]` in the store: what of a ticket closed before a cutoff is removed, in batches of at most
/// `limit` rows per call so no transaction holds the writer long (docs/admin-guide.md#retention). The
/// ticket row, its entries' kinds and dates and the outbox rows' recipients and statuses stay: the
/// statistics keep counting them. Deleted bytes are overwritten (`secure_delete`).
public enum RetentionSweep {
    /// What one kind of data holds past its cutoff, and what a sweep removed.
    public enum Kind: String, Sendable, CaseIterable {
        case rawMail = "raw_mail", attachments, text, sentMail = "sent_mail"
    }

    /// The text an entry keeps when retention removed the rest.
    public static let removedText = "(text removed by retention)"

    /// Tickets closed before `cutoff` (a reopened ticket is not closed, so it keeps everything).
    static let closedBefore = "SELECT id FROM ticket WHERE status = 'closed' AND updated_at < ?"

    /// Removes up to `limit` rows of `kind` past `cutoff`; returns how many it removed.
    public static func sweep(_ db: Database, _ kind: Kind, cutoff: Date, limit: Int) throws -> Int {
        try db.execute(sql: "PRAGMA secure_delete = ON")
        switch kind {
        case .rawMail:
            try db.execute(sql: """
                UPDATE raw_message SET data = X'', size = 0 WHERE id IN (\(pendingRawMail) LIMIT ?)
                """, arguments: [cutoff, limit])
            return db.changesCount
        case .attachments:
            try db.execute(sql: "DELETE FROM attachment WHERE id IN (\(pendingAttachments) LIMIT ?)", arguments: [cutoff, limit])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM attachment)")
            return removed
        case .text:
            try db.execute(sql: """
                UPDATE entry SET body = ?, full_body = '', html = NULL WHERE id IN (\(pendingText) LIMIT ?)
                """, arguments: [removedText, cutoff, removedText, limit])
            return db.changesCount
        case .sentMail:
            try db.execute(sql: "UPDATE outbox SET data = X'' WHERE id IN (\(pendingSentMail) LIMIT ?)",
                           arguments: [cutoff, cutoff, limit])
            return db.changesCount
        }
    }

    /// How many rows of `kind` are past `cutoff` and not removed yet (`doctor`).
    public static func pending(_ db: Database, _ kind: Kind, cutoff: Date) throws -> Int {
        switch kind {
        case .rawMail: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(pendingRawMail))", arguments: [cutoff]) ?? 0
        case .attachments: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(pendingAttachments))", arguments: [cutoff]) ?? 0
        case .text: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(pendingText))", arguments: [cutoff, removedText]) ?? 0
        case .sentMail: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(pendingSentMail))", arguments: [cutoff, cutoff]) ?? 0
        }
    }

    /// Raw mail of entries on long-closed tickets only, not shared with an open ticket's entry or a
    /// held quarantine row.
    static let pendingRawMail = """
        SELECT r.id FROM raw_message r WHERE length(r.data) > 0
          AND r.id IN (SELECT e.raw_id FROM entry e WHERE e.raw_id IS NOT NULL AND e.ticket_id IN (\(closedBefore)))
          AND r.id NOT IN (SELECT e.raw_id FROM entry e JOIN ticket t ON t.id = e.ticket_id
                           WHERE e.raw_id IS NOT NULL AND t.status != 'closed')
          AND r.id NOT IN (SELECT raw_id FROM quarantine WHERE status = 'held')
        """

    static let pendingAttachments = """
        SELECT a.id FROM attachment a JOIN entry e ON e.id = a.entry_id WHERE e.ticket_id IN (\(closedBefore))
        """

    static let pendingText = """
        SELECT e.id FROM entry e WHERE e.ticket_id IN (\(closedBefore)) AND e.body != ?
        """

    /// Mail no longer on its way (sent, bounced, failed or dropped) about a long-closed ticket, or about
    /// no ticket and created before the cutoff (notices to the admin).
    static let pendingSentMail = """
        SELECT o.id FROM outbox o WHERE length(o.data) > 0 AND o.status IN ('sent', 'bounced', 'failed', 'dropped')
          AND (o.ticket_id IN (\(closedBefore)) OR (o.ticket_id IS NULL AND o.created_at < ?))
        """
}
