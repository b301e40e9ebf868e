import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Queues the acknowledgement of a new ticket: an entry on the ticket, one outbox row, the
/// generated Message-ID (so the customer's reply finds the ticket) and a rate-limit log line.
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
        try FastSQL.execute(db, "INSERT OR IGNORE INTO outbound_message_id (message_id, ticket_id) VALUES (?, ?)",
                            [mail.messageID, ticketID])
        let bytes = mail.render()
        for recipient in mail.to {
            let row = try OutboxQueue.enqueue(db, OutboxRecord(
                ticketId: ticketID, entryId: entry.id, kind: kind.rawValue,
                messageId: mail.messageID, envelopeFrom: processor.factory.helpdesk.address,
                recipient: recipient.address, data: Data(bytes), now: now))
            // VERP: the envelope sender names this row, so a bounce finds it even when the DSN
            // leaves out the original headers.
            if let codec = processor.replyTokens, let id = row.id {
                let verp = codec.address(for: ReplyToken(ticketID: ticketID, role: .bounce, outboxID: id),
                                         base: processor.factory.helpdesk.address)
                try FastSQL.execute(db, "UPDATE outbox SET envelope_from = ? WHERE id = ?", [verp, id])
            }
            try FastSQL.execute(db, "INSERT INTO auto_reply_log (recipient, ticket_id, sent_at) VALUES (?, ?, ?)",
                                [recipient.address.lowercased(), ticketID, FastSQL.date(now)])
        }
        return (mail.to.count, entry.id!)
    }

    /// The customer's Reply-To: the signed customer token of the ticket.
    func customerReplyTo(ticketID: Int64) -> MailAddress? {
        processor.replyTokens.map { codec in
            MailAddress(name: processor.factory.helpdesk.name, address: codec.address(
                for: ReplyToken(ticketID: ticketID, role: .customer), base: processor.factory.helpdesk.address))
        }
    }
}
