import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Automatic mail to customers — the acknowledgement of a new ticket, the auto-answer, and any later
/// question or notice — is queued here and only here: each recipient passes the loop rules and the
/// tiered rate limits before the mail, and each mail queued is logged against both tiers
/// (docs/design.md#loop-safety). Mail to agents and the admin does not come this way and is not counted.
/// - SeeAlso: RFC 3834 §2 (automatic responses SHOULD be rate-limited), RFC 5321 §4.5.5 (VERP sender)
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
        return try queueAutomatic(mail, ticketID: ticketID, kind: .acknowledgement)?.queued ?? 0
    }

    /// Queues an automatic mail to the customers in `mail.to`: those the limits refuse are left out;
    /// nil (nothing stored) when none is left. Otherwise the entry, the outbox rows with VERP senders,
    /// and one `auto_reply_log` line per recipient.
    func queueAutomatic(_ mail: OutgoingMail, ticketID: Int64, kind: EntryKind) throws -> (queued: Int, entryID: Int64)? {
        var mail = mail
        mail.to = try mail.to.filter { try mayMail($0.address, ticketID: ticketID) }
        guard !mail.to.isEmpty else { return nil }
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
            try AutoReplyLedger.record(db, recipient: recipient.address, ticketID: ticketID, at: now)
        }
        return (queued, entry.id!)
    }

    /// Whether one more automatic mail may go to `address` about `ticketID`: not to ourselves, an
    /// unusable or undeliverable address, or one whose breaker is open; and within the tiers. A limit
    /// reached opens the breaker and tells the admin once.
    /// - SeeAlso: RFC 5321 §4.5.3.1.3 (a path holds at most 256 octets)
    func mayMail(_ address: String, ticketID: Int64) throws -> Bool {
        let lower = address.lowercased()
        guard lower != "unknown@invalid", lower.utf8.count <= 254, !processor.isOwn(lower),
              try !BounceRecorder.isBlocked(lower, db: db, now: now),
              try !AutoReplyLedger.breakerOpen(db, address: lower, now: now) else { return false }
        let (toRecipient, onTicket) = try history(lower, ticketID: ticketID)
        var limiter = processor.limiter
        limiter.perDay = processor.autoRepliesPerAddressPerDay
        guard case let .tripped(reason) = limiter.decide(toRecipient: toRecipient, onTicket: onTicket, now: now) else {
            return true
        }
        try AdminNotice(processor: processor, db: db, now: now).rateLimitTripped(address: lower, reason: reason)
        return false
    }

    /// When automatic mail went to `address` within the longest window (at least a day): all of it,
    /// and that about the same conversation as `ticketID` — the ticket and the tickets that a reply to a
    /// closed one started (`closed_reply = "new"`), so a robot answering one ticket is counted on it.
    func history(_ address: String, ticketID: Int64) throws -> (toRecipient: [Date], onTicket: [Date]) {
        let minutes = (processor.limiter.perRecipient + processor.limiter.perTicketRecipient).map(\.minutes).max() ?? 0
        let rows = try AutoReplyLedger.history(db, recipient: address,
                                               since: now.addingTimeInterval(-Double(max(1440, minutes)) * 60))
        let conversation = try TicketChain.end(db, from: ticketID, following: .followsTicket)
        var roots: [Int64: Int64] = [:]
        var onTicket: [Date] = []
        for row in rows {
            guard let ticket = row.ticketID else { continue }
            if roots[ticket] == nil { roots[ticket] = try TicketChain.end(db, from: ticket, following: .followsTicket) }
            if roots[ticket] == conversation { onTicket.append(row.sentAt) }
        }
        return (rows.map(\.sentAt), onTicket)
    }

    /// The customer's Reply-To: the signed customer token of the ticket.
    func customerReplyTo(ticketID: Int64) -> MailAddress? {
        guard processor.replyTokens != nil else { return nil }
        return OutboxWriter(processor: processor, db: db, now: now).tokenAddress(ticketID: ticketID, role: .customer)
    }
}
