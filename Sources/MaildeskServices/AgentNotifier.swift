import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Tells agents about customer mail: a new ticket or a follow-up goes to the assignee, or to every agent
/// while the ticket is unassigned. Each agent gets a mail of their own whose Reply-To is their signed
/// agent token, so answering it is enough to reply as that agent.
struct AgentNotifier {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    /// The agents to tell about `ticket`: the assignee, else all (never the mail's own sender).
    func audience(_ ticket: TicketRecord, excluding sender: String? = nil) -> [Agent] {
        let all = processor.agents.agents.filter { $0.address.lowercased() != sender?.lowercased() }
        if let assignee = ticket.assignee, let agent = all.first(where: { $0.id == assignee }) { return [agent] }
        return all
    }

    /// Queues the notifications; returns how many mails were queued.
    @discardableResult
    func notify(_ ticket: TicketRecord, event: String, from sender: MailAddress, text: String,
                to agents: [Agent], parentMessageID: String? = nil, suggestions: String = "") throws -> Int {
        guard !agents.isEmpty, let ticketID = ticket.id else { return 0 }
        let template = processor.currentTemplates.notification
        let recent = try recentTickets(of: ticket)
        let outbox = OutboxWriter(processor: processor, db: db, now: now)
        var entry = EntryRecord(ticketId: ticketID, kind: EntryKind.notification.rawValue,
                                body: "\(event): notified \(agents.map(\.id).joined(separator: ", "))", createdAt: now)
        entry.toJson = AddressJSON.encode(agents.map { MailAddress(name: $0.name, address: $0.address) })
        entry.fromJson = AddressJSON.encode([processor.factory.helpdesk])
        try entry.insertFast(db)
        for agent in agents {
            let values = processor.factory.agentTemplateValues(ticketID: ticketID, subject: ticket.subject, agent: agent, extra: [
                "event": event,
                "customer": sender.formatted,
                "ticket.status": ticket.status, "ticket.priority": ticket.priority,
                "ticket.category": ticket.category ?? "-", "ticket.assignee": ticket.assignee ?? "-",
                "ticket.due": Self.due(ticket, now: now),
                "message": text.isEmpty ? "(no text)" : text,
                "recent": recent,
                "suggestions": suggestions,
                "note.address": outbox.tokenAddress(ticketID: ticketID, role: .note, agent: agent).address,
            ])
            let mail = processor.factory.agentNotice(
                ticketID: ticketID, subject: ticket.subject, to: agent,
                replyTo: outbox.tokenAddress(ticketID: ticketID, role: .agent, agent: agent),
                text: TemplateRenderer().render(template, values: values), date: now, inReplyTo: nil)
            if entry.messageId == nil {
                entry.messageId = mail.messageID
                try db.execute(sql: "UPDATE entry SET message_id = ? WHERE id = ?", arguments: [mail.messageID, entry.id])
            }
            try outbox.enqueue(mail, ticketID: ticketID, entryID: entry.id, kind: .notification)
        }
        return agents.count
    }

    /// "in about 5 h (2026-12-01T14:00:00Z)", or a dash before the estimate has enough closed tickets.
    static func due(_ ticket: TicketRecord, now: Date) -> String {
        guard let due = ticket.dueAt else { return "- (no estimate yet)" }
        let hours = max(0, due.timeIntervalSince(now)) / 3600
        let span = hours < 48 ? String(format: "%.0f h", hours.rounded(.up)) : String(format: "%.0f days", (hours / 24).rounded())
        return "in about \(span) (\(Timestamps.rfc3339(due)))"
    }

    /// "Recent tickets of this customer" lines (up to five others), or an empty string.
    func recentTickets(of ticket: TicketRecord) throws -> String {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, subject, status FROM ticket WHERE customer = ? AND id != ? ORDER BY id DESC LIMIT 5
            """, arguments: [ticket.customer, ticket.id])
        guard !rows.isEmpty else { return "" }
        let tag = processor.factory.subjectTag
        let lines = rows.map { row -> String in
            let id: Int64 = row["id"]
            return "  \(tag.tag(for: id)) \(row["subject"] as String) (\(row["status"] as String))"
        }
        return "Recent tickets of this customer:\n" + lines.joined(separator: "\n") + "\n"
    }
}
