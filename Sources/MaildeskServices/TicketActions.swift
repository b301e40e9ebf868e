import Foundation
import GRDB
import HelpdeskCore
import MaildeskStore

/// Carries out agents' commands on a ticket, from mail (`#close` at the top of a reply) and from the
/// CLI (`tickets close N`) alike. All commands of one mail are checked before any is applied, so one
/// bad line changes nothing; each applied command is recorded in `ticket_event` with who did it.
struct TicketActions {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    /// Checks every line, then applies them all (a merge last). Throws ``AgentCommandError`` when any
    /// line cannot be carried out; nothing has been written then. Returns what was done, for the record.
    @discardableResult
    func apply(_ lines: [AgentCommandLine], to ticketID: Int64, actor: String, me: Agent?, entryID: Int64?) throws -> [String] {
        guard var ticket = try TicketRecord.fetchOne(db, key: ticketID) else {
            throw AgentCommandError(line: 0, text: "#\(ticketID)", why: "no ticket \(ticketID)")
        }
        for line in lines { try check(line, ticket: ticket, me: me) }
        var done: [String] = []
        var mergeTarget: Int64?
        for line in lines {
            switch line.command {
            case .close: ticket.status = TicketStatus.closed.rawValue
            case .reopen: ticket.status = TicketStatus.open.rawValue
            case .pending: ticket.status = TicketStatus.pending.rawValue
            case let .assign(who): ticket.assignee = who == "me" ? me!.id : processor.agents.agent(id: who)!.id
            case let .priority(priority): ticket.priority = priority.rawValue
            case let .category(name): ticket.category = name
            case let .tag(tag):
                try db.execute(sql: "INSERT OR IGNORE INTO ticket_tag (ticket_id, tag) VALUES (?, ?)", arguments: [ticketID, tag])
            case let .ccAdd(address):
                try ParticipantRecord(ticketId: ticketID, address: address, name: nil, role: "cc").insertFastIgnoringDuplicates(db)
            case let .ccRemove(address):
                try db.execute(sql: "DELETE FROM participant WHERE ticket_id = ? AND address = ? COLLATE NOCASE AND role != 'customer'",
                               arguments: [ticketID, address])
            case let .merge(target): mergeTarget = target
            case .note: break
            }
            done.append(line.text)
            try event(ticketID, actor: actor, action: line.text, entryID: entryID)
        }
        ticket.updatedAt = now
        try ticket.update(db)
        if let mergeTarget { try merge(ticket, into: mergeTarget, actor: actor) }
        return done
    }

    func check(_ line: AgentCommandLine, ticket: TicketRecord, me: Agent?) throws {
        func fail(_ why: String) -> AgentCommandError { AgentCommandError(line: line.line, text: line.text, why: why) }
        switch line.command {
        case let .assign(who):
            if who == "me" {
                guard me != nil else { throw fail("#assign me needs an agent (--as AGENT)") }
            } else if processor.agents.agent(id: who) == nil {
                let ids = processor.agents.agents.map(\.id).joined(separator: ", ")
                throw fail("no agent \(who) (agents: \(ids.isEmpty ? "none configured" : ids))")
            }
        case let .category(name) where name.trimmingCharacters(in: .whitespaces).isEmpty:
            throw fail("#category takes a name")
        case let .ccAdd(address):
            if processor.isOwn(address) { throw fail("\(address) is the helpdesk itself") }
            if processor.agents.agent(address: address) != nil { throw fail("\(address) is an agent; agents get copies anyway") }
        case let .ccRemove(address):
            if address == ticket.customer.lowercased() { throw fail("the customer \(address) cannot be removed") }
            guard try StoreTicketDirectory(db).isParticipant(address, ofTicket: ticket.id!) else {
                throw fail("\(address) is not a participant of ticket \(ticket.id!)")
            }
        case let .merge(target):
            guard target != ticket.id else { throw fail("a ticket cannot be merged into itself") }
            guard let other = try TicketRecord.fetchOne(db, key: target) else { throw fail("no ticket \(target)") }
            if let further = other.mergedInto { throw fail("ticket \(target) was merged into ticket \(further)") }
        default:
            break
        }
    }

    /// Moves everything of `ticket` into `target`: entries, participants, our Message-IDs (so replies to
    /// old mail land in the target), tags; the merged ticket is closed and points at the target.
    func merge(_ ticket: TicketRecord, into target: Int64, actor: String) throws {
        let source = ticket.id!
        try db.execute(sql: "UPDATE entry SET ticket_id = ? WHERE ticket_id = ?", arguments: [target, source])
        try db.execute(sql: """
            INSERT OR IGNORE INTO participant (ticket_id, address, name, role)
            SELECT ?, address, name, CASE role WHEN 'customer' THEN 'cc' ELSE role END FROM participant WHERE ticket_id = ?
            """, arguments: [target, source])
        try db.execute(sql: "UPDATE outbound_message_id SET ticket_id = ? WHERE ticket_id = ?", arguments: [target, source])
        try db.execute(sql: "INSERT OR IGNORE INTO ticket_tag (ticket_id, tag) SELECT ?, tag FROM ticket_tag WHERE ticket_id = ?",
                       arguments: [target, source])
        var merged = ticket
        merged.status = TicketStatus.closed.rawValue
        merged.mergedInto = target
        merged.updatedAt = now
        try merged.update(db)
        let tag = processor.factory.subjectTag
        try systemEntry(source, "\(actor) merged this ticket into \(tag.tag(for: target))")
        try systemEntry(target, "\(actor) merged \(tag.tag(for: source)) \(ticket.subject) into this ticket")
        try db.execute(sql: "UPDATE ticket SET updated_at = ? WHERE id = ?", arguments: [now, target])
    }

    func systemEntry(_ ticketID: Int64, _ text: String, author: String? = nil) throws {
        var entry = EntryRecord(ticketId: ticketID, kind: EntryKind.system.rawValue, body: text, createdAt: now)
        entry.author = author
        try entry.insertFast(db)
    }

    func event(_ ticketID: Int64, actor: String, action: String, detail: String? = nil, entryID: Int64?) throws {
        try db.execute(sql: """
            INSERT INTO ticket_event (ticket_id, actor, action, detail, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [ticketID, actor, action, detail, entryID, now])
    }
}
