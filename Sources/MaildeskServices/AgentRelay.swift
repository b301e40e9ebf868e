import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

extension AgentDesk {
    /// Sends an agent's reply to the customer (To) and the other participants (Cc) from the support
    /// address, threaded to the customer's last mail, with a customer reply token as Reply-To. The
    /// agent's address appears in no header. One outbox row (SMTP transaction) per recipient.
    /// - SeeAlso: RFC 5322 §3.6.4 (In-Reply-To/References), RFC 5321 §3.3 (one transaction per recipient)
    func relay(ticketID: Int64, agent: Agent, text: String, attachments: [MIMEAttachment], entryID: Int64) throws -> Int {
        guard let ticket = try TicketRecord.fetchOne(db, key: ticketID) else { return 0 }
        let people = try ParticipantRecord.fetchAll(db, sql: """
            SELECT * FROM participant WHERE ticket_id = ? AND role IN ('customer', 'cc') ORDER BY role = 'customer' DESC, rowid
            """, arguments: [ticketID])
            .filter { !processor.isOwn($0.address) && processor.agents.agent(address: $0.address) == nil }
            .map { MailAddress(name: $0.name, address: $0.address) }
        guard let first = people.first else { return 0 }
        let customerIDs = try String.fetchAll(db, sql: """
            SELECT message_id FROM entry WHERE ticket_id = ? AND kind = 'customer' AND message_id IS NOT NULL ORDER BY id
            """, arguments: [ticketID])
        let outbox = OutboxWriter(processor: processor, db: db, now: now)
        let mail = processor.factory.agentReply(
            ticketID: ticketID, subject: ticket.subject, agent: agent, to: [first], cc: Array(people.dropFirst()),
            text: text, attachments: attachments.map { (filename: $0.filename ?? "attachment", contentType: $0.contentType, data: $0.data) },
            replyTo: outbox.tokenAddress(ticketID: ticketID, role: .customer),
            inReplyTo: customerIDs.last, references: customerIDs.first.map { [$0] } ?? [], date: now)
        try db.execute(sql: "UPDATE entry SET to_json = ?, cc_json = ? WHERE id = ?",
                       arguments: [AddressJSON.encode(mail.to), AddressJSON.encode(mail.cc), entryID])
        return try outbox.enqueue(mail, ticketID: ticketID, entryID: entryID, kind: .agent)
    }
}
