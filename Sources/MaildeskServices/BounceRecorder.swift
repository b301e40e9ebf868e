import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// A bounce that reached a VERP address (`support+<bounce token>@`): the outbox row it names is marked
/// `bounced`, and a permanent failure (5.x.x) makes the address undeliverable for a while, so no
/// automatic mail goes there (Zammad blocks 5.1.1 addresses for 60 days).
/// - SeeAlso: RFC 3464 §2.3 (per-recipient fields), RFC 3463 (status codes)
struct BounceRecorder {
    let db: Database
    let now: Date
    var blockDays = 60.0

    /// Returns the bounced row and the reason, for the notice on the ticket.
    @discardableResult
    func record(_ token: ReplyToken, message: ParsedMessage) throws -> (OutboxRecord, String)? {
        guard let outboxID = token.outboxID,
              let row = try OutboxRecord.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [outboxID]),
              row.ticketId == token.ticketID else { return nil }
        return (row, try record(row, message: message))
    }

    /// A bounce without our VERP address: the original Message-ID (returned headers or the report's
    /// X-Original-Message-ID) and the failed recipient find the outbox row, when it was ours.
    /// Returns that row and the reason.
    func recordByMessageID(_ message: ParsedMessage) throws -> (OutboxRecord, String)? {
        let report = Self.report(message)
        let returned = message.attachments.first { $0.contentType == "message/rfc822" || $0.contentType == "text/rfc822-headers" }
            .map { MIMEParser().parse($0.data).messageID }
        guard let original = (returned ?? nil) ?? report?.originalMessageID.map({
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        }) else { return nil }
        let failed = (report?.recipients.first { $0.action == .failed } ?? report?.recipients.first)?.finalRecipient
        let rows = try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox WHERE message_id = ? ORDER BY id", arguments: [original])
        guard let row = rows.first(where: { failed == nil || $0.recipient.lowercased() == failed!.lowercased() }) ?? rows.first
        else { return nil }
        return (row, try record(row, message: message))
    }

    static func report(_ message: ParsedMessage) -> DeliveryStatusReport? {
        message.attachments.first { $0.contentType == "message/delivery-status" }
            .flatMap { DeliveryStatusReport(text: String(decoding: $0.data, as: UTF8.self)) }
    }

    @discardableResult
    func record(_ row: OutboxRecord, message: ParsedMessage) throws -> String {
        guard let outboxID = row.id else { return "" }
        let report = Self.report(message)
        let failed = report?.recipients.first { $0.action == .failed } ?? report?.recipients.first
        let status = failed?.status ?? ""
        let detail = [status, failed?.diagnosticCode].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        let reason = "bounced: " + (detail.isEmpty ? "no delivery status" : detail)
        try db.execute(sql: "UPDATE outbox SET status = 'bounced', last_error = ? WHERE id = ?",
                       arguments: [reason, outboxID])
        // Without a report, a mail to our VERP address still means that recipient failed.
        guard status.isEmpty || status.hasPrefix("5.") else { return reason }
        try db.execute(sql: """
            INSERT INTO undeliverable (address, status, reason, ticket_id, until, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(address) DO UPDATE SET status = excluded.status, reason = excluded.reason,
            ticket_id = excluded.ticket_id, until = excluded.until
            """, arguments: [row.recipient.lowercased(), status.isEmpty ? "5.0.0" : status, failed?.diagnosticCode,
                             row.ticketId, FastSQL.date(now.addingTimeInterval(blockDays * 86_400)),
                             FastSQL.date(now)])
        return reason
    }

    /// Whether automatic mail to `address` is blocked now.
    static func isBlocked(_ address: String, db: Database, now: Date) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS(SELECT 1 FROM undeliverable WHERE address = ? AND until > ?)
            """), arguments: [address.lowercased(), FastSQL.date(now)]) ?? false
    }
}
