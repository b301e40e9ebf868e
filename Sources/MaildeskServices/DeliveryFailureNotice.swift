import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// A mail on a ticket that failed for good (a 5xx from the server, or a bounce that names it): the
/// ticket shows it as a `system` entry and the agents who work on it are told by mail. Failures of our
/// own notices to agents are only recorded, so a broken agent address cannot start a loop.
struct DeliveryFailureNotice {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    /// `entryOnTicket` false when the ticket already shows the failure (a bounce is stored as its entry).
    func record(_ row: OutboxRecord, reason: String, entryOnTicket: Bool = true) throws {
        guard let ticketID = row.ticketId, let ticket = try TicketRecord.fetchOne(db, key: ticketID) else { return }
        let actions = TicketActions(processor: processor, db: db, now: now)
        if entryOnTicket {
            try actions.systemEntry(ticketID, "\(row.kind) mail to \(row.recipient) could not be delivered: \(reason)")
        }
        try actions.event(ticketID, actor: "maildesk", action: "delivery-failed", detail: "\(row.recipient): \(reason)",
                          entryID: row.entryId)
        let told: Set<String> = [EntryKind.agent.rawValue, EntryKind.acknowledgement.rawValue, EntryKind.autoAnswer.rawValue]
        guard told.contains(row.kind) else { return }
        let notifier = AgentNotifier(processor: processor, db: db, now: now)
        let author = try row.entryId.flatMap { try String.fetchOne(db, sql: "SELECT author FROM entry WHERE id = ?", arguments: [$0]) }
        let agents = author.flatMap(processor.agents.agent(id:)).map { [$0] } ?? notifier.audience(ticket)
        let outbox = OutboxWriter(processor: processor, db: db, now: now)
        for agent in agents {
            let values = processor.factory.agentTemplateValues(ticketID: ticketID, subject: ticket.subject, agent: agent,
                                                               extra: ["recipient": row.recipient, "reason": reason])
            let mail = processor.factory.agentNotice(
                ticketID: ticketID, subject: ticket.subject, to: agent,
                replyTo: outbox.tokenAddress(ticketID: ticketID, role: .agent, agent: agent),
                text: TemplateRenderer().render(processor.currentTemplates.deliveryFailure, values: values), date: now)
            try outbox.enqueue(mail, ticketID: ticketID, entryID: nil, kind: .system)
        }
    }
}
