import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Queues the acknowledgement of a new ticket: an entry on the ticket, the outbox row (through
/// ``OutboxWriter``: our Message-ID recorded, VERP sender) and a rate-limit log line.
struct AcknowledgementQueue {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    func enqueue(ticket: TicketRecord, customer: MailAddress, parent: ParsedMessage) throws -> Int {
        let ticketID = ticket.id!
        let mail = processor.factory.acknowledgement(
            ticketID: ticketID, subject: ticket.subject, customer: customer,
            inReplyTo: parent.messageID, references: parent.references,
            template: processor.acknowledgementTemplate, date: now, replyTo: customerReplyTo(ticketID: ticketID))
        return try queueAutomatic(mail, ticketID: ticketID, kind: .acknowledgement).queued
    }

    /// Queues an automatic reply to the customer (acknowledgement or auto-answer): the entry, the
    /// outbox rows with VERP senders, and one `auto_reply_log` line per recipient (rate limits).
    func queueAutomatic(_ mail: OutgoingMail, ticketID: Int64, kind: EntryKind) throws -> (queued: Int, entryID: Int64) {
        var entry = EntryRecord(ticketId: ticketID, kind: kind.rawValue, body: mail.text, createdAt: now)
        entry.fromJson = AddressJSON.encode([mail.from])
        entry.toJson = AddressJSON.encode(mail.to)
        entry.messageId = mail.messageID
        entry.subject = mail.subject
        entry.html = mail.html
        try entry.insertFast(db)
        let queued = try OutboxWriter(processor: processor, db: db, now: now)
            .enqueue(mail, ticketID: ticketID, entryID: entry.id, kind: kind, recipients: mail.to)
        for recipient in mail.to {
            try FastSQL.execute(db, "INSERT INTO auto_reply_log (recipient, ticket_id, sent_at) VALUES (?, ?, ?)",
                                [recipient.address.lowercased(), ticketID, FastSQL.date(now)])
        }
        return (queued, entry.id!)
    }

    /// The customer's Reply-To: the signed customer token of the ticket.
    func customerReplyTo(ticketID: Int64) -> MailAddress? {
        guard processor.replyTokens != nil else { return nil }
        return OutboxWriter(processor: processor, db: db, now: now).tokenAddress(ticketID: ticketID, role: .customer)
    }
}
