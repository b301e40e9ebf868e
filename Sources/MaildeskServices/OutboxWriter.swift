import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Queues one rendered mail: our Message-ID recorded (so answers find the ticket), one outbox row per
/// recipient (each its own SMTP transaction and status), each with a signed VERP envelope sender
/// naming that row, so a bounce finds the mail even when the DSN leaves out the original headers.
/// - SeeAlso: RFC 5321 §4.5.5 (the reverse-path receives the bounce)
struct OutboxWriter {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    /// Returns the number of outbox rows (recipients) queued.
    @discardableResult
    func enqueue(_ mail: OutgoingMail, ticketID: Int64, entryID: Int64?, kind: EntryKind,
                 recipients: [MailAddress]? = nil) throws -> Int {
        try OutboxQueue.remember(db, messageID: mail.messageID, ticketID: ticketID)
        let bytes = Data(mail.render())
        let support = processor.factory.helpdesk.address
        var seen = Set<String>()
        for recipient in recipients ?? (mail.to + mail.cc) where seen.insert(recipient.address.lowercased()).inserted {
            let row = try OutboxQueue.enqueue(db, OutboxRecord(
                ticketId: ticketID, entryId: entryID, kind: kind.rawValue, messageId: mail.messageID,
                envelopeFrom: support, recipient: recipient.address, data: bytes, now: now))
            if let codec = processor.replyTokens, let id = row.id {
                let verp = codec.address(for: ReplyToken(ticketID: ticketID, role: .bounce, outboxID: id), base: support)
                try OutboxQueue.setEnvelopeFrom(db, id: id, verp)
            }
        }
        return seen.count
    }

    /// The signed plus-address for `role` on a ticket (the plain support address without a key).
    func tokenAddress(ticketID: Int64, role: ReplyToken.Role, agent: Agent? = nil) -> MailAddress {
        let helpdesk = processor.factory.helpdesk
        guard let codec = processor.replyTokens else { return helpdesk }
        return MailAddress(name: helpdesk.name, address: codec.address(
            for: ReplyToken(ticketID: ticketID, role: role, agentID: agent?.id), base: helpdesk.address))
    }
}
