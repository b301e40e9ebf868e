import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Agents at a terminal (`tickets reply|note|assign|close|reopen|merge`): the same code as their mail.
extension MaildeskApp {
    /// A mistake in an agent verb: which agent, ticket or command line was wrong.
    public enum AgentVerbError: Error, CustomStringConvertible {
        case noSuchAgent(String, known: [String])
        case noSuchTicket(Int64)
        case command(AgentCommandError)

        public var description: String {
            switch self {
            case let .noSuchAgent(id, known):
                "no agent \(id) in [[helpdesk.agents]] (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
            case let .noSuchTicket(id): "no ticket #\(id)"
            case let .command(error): "\(error); nothing applied\n" + AgentCommand.reference
            }
        }
    }

    public struct AgentVerbResult: Sendable, Encodable {
        public var ticket: Int64
        public var entry: Int64?
        public var queued: Int
        public var applied: [String]
    }

    /// `tickets reply N --as AGENT` (`note` false) or `tickets note N --as AGENT`: `text` may start with
    /// `#commands` exactly as a reply by mail; the reply is relayed to the customer unless it is a note.
    public func agentWrites(ticketID: Int64, agentID: String, text: String, note: Bool) async throws -> AgentVerbResult {
        let processor = settings.snapshot.processor
        guard let agent = processor.agents.agent(id: agentID) else {
            throw AgentVerbError.noSuchAgent(agentID, known: processor.agents.agents.map(\.id))
        }
        let now = processor.clock()
        let outcome = try await database.writer.write { db -> AgentDesk.Outcome in
            let target = try TicketWriter.followMerges(ticketID, db: db)
            guard try TicketRecord.fetchOne(db, key: target) != nil else { throw AgentVerbError.noSuchTicket(ticketID) }
            var entry = EntryRecord(ticketId: target, kind: EntryKind.agent.rawValue, body: text, createdAt: now)
            entry.fromJson = AddressJSON.encode([MailAddress(name: agent.name, address: agent.address)])
            return try AgentDesk(processor: processor, db: db, now: now)
                .handle(AgentInput(ticketID: target, agent: agent, text: text, forceNote: note, entry: entry))
        }
        if let error = outcome.error { throw AgentVerbError.command(error) }
        return AgentVerbResult(ticket: ticketID, entry: outcome.entryID, queued: outcome.queuedMail, applied: outcome.applied)
    }

    /// `tickets assign|close|reopen|merge`: one command line, applied like a mail's (`actor` for the record).
    public func runCommand(_ line: String, ticketID: Int64, actor: String) async throws -> AgentVerbResult {
        let processor = settings.snapshot.processor
        let now = processor.clock()
        guard case let .success(block) = AgentCommandParser.parse(line), block.lines.count == 1 else {
            if case let .failure(error) = AgentCommandParser.parse(line) { throw AgentVerbError.command(error) }
            throw AgentVerbError.command(AgentCommandError(line: 1, text: line, why: "not a command"))
        }
        let (applied, queued) = try await database.writer.write { db -> ([String], Int) in
            let target = try TicketWriter.followMerges(ticketID, db: db)
            guard try TicketRecord.fetchOne(db, key: target) != nil else { throw AgentVerbError.noSuchTicket(ticketID) }
            let applied: [String]
            do {
                applied = try TicketActions(processor: processor, db: db, now: now)
                    .apply(block.lines, to: target, actor: actor, me: processor.agents.agent(id: actor), entryID: nil)
            } catch let error as AgentCommandError {
                throw AgentVerbError.command(error)
            }
            // A new assignee hears of it, with the customer's last words.
            guard case .assign = block.commands.first, let ticket = try TicketRecord.fetchOne(db, key: target),
                  let assignee = ticket.assignee.flatMap(processor.agents.agent(id:)), assignee.id != actor else {
                return (applied, 0)
            }
            let last = try EntryRecord.fetchOne(db, sql: """
                SELECT * FROM entry WHERE ticket_id = ? AND kind = 'customer' ORDER BY id DESC LIMIT 1
                """, arguments: [target])
            let customer = MailAddress(name: ticket.customerName, address: ticket.customer)
            let queued = try AgentNotifier(processor: processor, db: db, now: now)
                .notify(ticket, event: "Assigned to you by \(actor)", from: customer, text: last?.body ?? "", to: [assignee])
            return (applied, queued)
        }
        return AgentVerbResult(ticket: ticketID, entry: nil, queued: queued, applied: applied)
    }

    /// What the outbox sender does when a mail fails for good: the ticket shows it, its agent is told.
    public func recordPermanentFailure(_ db: Database, _ row: OutboxRecord, reason: String) throws {
        let processor = settings.snapshot.processor
        try DeliveryFailureNotice(processor: processor, db: db, now: processor.clock()).record(row, reason: reason)
    }
}
