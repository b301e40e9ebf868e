import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// What an agent sent — a reply by mail or `tickets reply|note` at a terminal; both take this path.
struct AgentInput {
    var ticketID: Int64
    var agent: Agent
    /// The new text of the mail (reply trimmed), commands at its top.
    var text: String
    /// Always internal: a mail to the note address, or `tickets note`.
    var forceNote: Bool
    /// Carried over to the customer with the reply.
    var attachments: [MIMEAttachment] = []
    /// The entry as the mail fills it (addresses, Message-ID, raw mail); kind and body are set here.
    var entry: EntryRecord
}

/// An agent's mail on a ticket: commands applied atomically, the reply relayed to the customer and
/// participants from the support address, copies to the other agents; or, when a command is wrong,
/// nothing applied, nothing sent, and one error mail to the agent.
struct AgentDesk {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    struct Outcome {
        var entryID: Int64
        var queuedMail: Int
        var relayed: Bool
        var applied: [String]
        var error: AgentCommandError?
    }

    func handle(_ input: AgentInput) throws -> Outcome {
        let actions = TicketActions(processor: processor, db: db, now: now)
        let ticketID = input.ticketID, agent = input.agent
        var entry = input.entry
        entry.ticketId = ticketID
        entry.author = agent.id
        entry.body = input.text
        var block: AgentCommandBlock
        switch AgentCommandParser.parse(input.text) {
        case let .success(parsed): block = parsed
        case let .failure(error): return try reject(input, entry: entry, error: error)
        }
        do {
            let current = try ticket(ticketID)
            for line in block.lines { try actions.check(line, ticket: current, me: agent) }
        } catch let error as AgentCommandError {
            return try reject(input, entry: entry, error: error)
        }
        let isInternal = input.forceNote || block.isNote || block.reply.isEmpty
        entry.kind = (isInternal ? EntryKind.note : EntryKind.agent).rawValue
        if !block.reply.isEmpty { entry.body = block.reply }
        try entry.insertFast(db)
        let entryID = entry.id!
        try ParticipantRecord(ticketId: ticketID, address: agent.address.lowercased(), name: agent.name, role: "agent")
            .insertFastIgnoringDuplicates(db)
        try actions.event(ticketID, actor: agent.id, action: isInternal ? "note" : "reply", entryID: entryID)

        // Commands first, so a reply reaches a participant its `#cc add` names and lands in a `#merge` target.
        let applied = try actions.apply(block.lines, to: ticketID, actor: agent.id, me: agent, entryID: entryID)
        let target = try TicketWriter.followMerges(ticketID, db: db)
        var queued = 0
        if !isInternal {
            queued += try relay(ticketID: target, agent: agent, text: block.reply, attachments: input.attachments, entryID: entryID)
            let setsStatus = block.commands.contains { [.close, .reopen, .pending].contains($0) }
            if !setsStatus { try db.execute(sql: "UPDATE ticket SET status = 'pending' WHERE id = ?", arguments: [target]) }
        }
        if processor.copyAgents, let current = try TicketRecord.fetchOne(db, key: target) {
            let others = try otherAgents(on: current, besides: agent)
            let event = isInternal ? "\(agent.name) added a note" : "\(agent.name) replied"
            queued += try AgentNotifier(processor: processor, db: db, now: now)
                .notify(current, event: event, from: MailAddress(name: agent.name, address: agent.address),
                        text: ([block.lines.map(\.text).joined(separator: "\n")] + [block.reply]).filter { !$0.isEmpty }
                            .joined(separator: "\n\n"), to: others)
        }
        try db.execute(sql: "UPDATE ticket SET updated_at = ? WHERE id = ?", arguments: [now, target])
        return Outcome(entryID: entryID, queuedMail: queued, relayed: !isInternal, applied: applied, error: nil)
    }

    func ticket(_ id: Int64) throws -> TicketRecord {
        guard let ticket = try TicketRecord.fetchOne(db, key: id) else {
            throw AgentCommandError(line: 0, text: "#\(id)", why: "no ticket \(id)")
        }
        return ticket
    }

    /// Keeps the mail as an isInternal note, records why, and tells the agent; nothing else changes.
    func reject(_ input: AgentInput, entry: EntryRecord, error: AgentCommandError) throws -> Outcome {
        var note = entry
        note.kind = EntryKind.note.rawValue
        try note.insertFast(db)
        let actions = TicketActions(processor: processor, db: db, now: now)
        try actions.systemEntry(input.ticketID, "commands of \(input.agent.id) not applied, nothing sent: \(error)",
                                author: input.agent.id)
        try actions.event(input.ticketID, actor: input.agent.id, action: "rejected", detail: error.description, entryID: note.id)
        let subject = try TicketRecord.fetchOne(db, key: input.ticketID)?.subject ?? ""
        let outbox = OutboxWriter(processor: processor, db: db, now: now)
        let values = processor.factory.agentTemplateValues(ticketID: input.ticketID, subject: subject, agent: input.agent,
                                                           extra: ["error": error.description])
        let mail = processor.factory.agentNotice(
            ticketID: input.ticketID, subject: subject, to: input.agent,
            replyTo: outbox.tokenAddress(ticketID: input.ticketID, role: .agent, agent: input.agent),
            text: TemplateRenderer().render(processor.currentTemplates.commandError, values: values), date: now,
            inReplyTo: entry.messageId)
        let queued = try outbox.enqueue(mail, ticketID: input.ticketID, entryID: note.id, kind: .system)
        return Outcome(entryID: note.id!, queuedMail: queued, relayed: false, applied: [], error: error)
    }

    /// The assignee and every agent who wrote on the ticket, except `agent`.
    func otherAgents(on ticket: TicketRecord, besides agent: Agent) throws -> [Agent] {
        var ids = Set(try String.fetchAll(db, sql: "SELECT DISTINCT author FROM entry WHERE ticket_id = ? AND author IS NOT NULL",
                                          arguments: [ticket.id]))
        if let assignee = ticket.assignee { ids.insert(assignee) }
        ids.remove(agent.id)
        return processor.agents.agents.filter { ids.contains($0.id) }
    }
}
