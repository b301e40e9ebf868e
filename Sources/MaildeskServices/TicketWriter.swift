import Foundation
import GRDB
import HelpdeskCore
import HelpdeskInsight
import HelpdeskKB
import MailMIME
import MaildeskStore

/// Writes one parsed mail into ticket state (within the ingest transaction).
struct TicketWriter {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    struct Stored {
        var ticketID: Int64
        var entryID: Int64
        var newTicket: Bool
        var rule: ThreadRule
        var queuedMail: Int
    }

    func store(_ message: ParsedMessage, trim: TrimResult, defects: [MIMEDefect], rawID: Int64) throws -> Stored {
        let classification = processor.classifier.classify(message)
        let sender = message.from.first ?? message.sender ?? MailAddress(name: nil, address: "unknown@invalid")
        var defects = defects
        if message.from.isEmpty {
            defects.append(MIMEDefect(code: "missing-from", detail: "no usable From address", part: nil))
        }
        let conversation = message.header("Thread-Index").flatMap { ThreadIndex(header: $0) }?.conversationID
        var input = ThreadingInput(inReplyTo: message.inReplyTo, references: message.references,
                                   subject: message.subject ?? "", sender: sender.address,
                                   recipients: Self.recipients(of: message), threadIndex: conversation)
        // Whether an agent's address proved itself through the trusted MTA: decided once, before threading
        // (proven agents may use any ticket's [#N]); a reply token can still prove it after threading.
        let byAuthentication = processor.agents.agents.isEmpty || classification.mailClass != .human
            ? AgentRecognition.notAnAgent
            : processor.agents.byAuthentication(from: sender.address,
                                                authenticationResults: message.headerValues("Authentication-Results"))
        if case .verified = byAuthentication { input.senderIsProvenAgent = true }
        var resolver = processor.resolver
        resolver.now = now
        var decision = try resolver.resolve(input, in: StoreTicketDirectory(db))
        // A delivery report about one of our mails, not sent to our VERP address: the original
        // Message-ID finds the mail, its ticket and recipient (RFC 3464, RFC 6522).
        var bounceByID = false
        var bounced: (OutboxRecord, String)?
        if classification.mailClass == .bounce, decision.token == nil,
           let found = try BounceRecorder(db: db, now: now, blockDays: processor.undeliverableDays).recordByMessageID(message),
           let ticket = found.0.ticketId {
            bounced = found
            decision.rule = .references
            decision.ticketID = ticket
            decision.reopen = false
            decision.followsClosedTicket = nil
            bounceByID = true
        }
        let bounceToken = decision.token.flatMap { $0.role == .bounce ? $0 : nil }
        let isHuman = classification.mailClass == .human && bounceToken == nil && !bounceByID
        if let id = decision.ticketID { decision.ticketID = try Self.followMerges(id, db: db) }
        let agent = !isHuman ? AgentRecognition.notAnAgent
            : processor.agents.byToken(from: sender.address, token: decision.token) ?? byAuthentication
        let explain = ExplainRecord(rule: decision.rule, rejected: decision.rejected, mailClass: classification.mailClass,
                                    classHeaders: classification.evidence, trim: trim, agent: agent)
        // A proven agent answering a ticket: commands, relay, copies (AgentDesk).
        if case let .verified(who, _) = agent,
           let target = try decision.ticketID ?? decision.followsClosedTicket.map({ try Self.followMerges($0, db: db) }) {
            var entry = mailEntry(message, trim: trim, sender: sender, defects: defects, rawID: rawID,
                                  rule: decision.rule, conversation: conversation, explain: explain)
            entry.ticketId = target
            let outcome = try AgentDesk(processor: processor, db: db, now: now).handle(AgentInput(
                ticketID: target, agent: who, text: trim.text, forceNote: decision.token?.role == .note,
                attachments: message.attachments, entry: entry))
            try storeAttachments(message.attachments, entryID: outcome.entryID)
            return Stored(ticketID: target, entryID: outcome.entryID, newTicket: false, rule: decision.rule,
                          queuedMail: outcome.queuedMail)
        }

        var ticket: TicketRecord
        let newTicket = decision.ticketID == nil
        // A reply to a KB auto-answer: "solved" closes the ticket, anything else hands it to agents.
        var solvedByArticle = false
        var attempted = ""
        if let id = decision.ticketID, let existing = try TicketRecord.fetchOne(db, key: id) {
            ticket = existing
            let kb = KBAnswering(processor: processor, db: db, now: now)
            if isHuman, ticket.status == TicketStatus.answered.rawValue, SolvedReplyDetector.isSolved(trim.text) {
                ticket.status = TicketStatus.closed.rawValue
                solvedByArticle = true
            } else if isHuman, ticket.status != TicketStatus.open.rawValue {
                if ticket.status == TicketStatus.answered.rawValue { attempted = try kb.attemptedLine(ticketID: id) }
                if ticket.status == TicketStatus.closed.rawValue {
                    // A satisfaction signal (`customers show`: reopen_count).
                    try TicketActions(processor: processor, db: db, now: now)
                        .event(existing.id!, actor: "customer", action: "reopen", entryID: nil)
                }
                ticket.status = TicketStatus.open.rawValue
            }
            ticket.updatedAt = now
            try ticket.update(db)
        } else {
            let subject = (message.subject ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            ticket = TicketRecord(subject: subject.isEmpty ? "(no subject)" : subject,
                                  customer: sender.address.lowercased(), customerName: sender.name, now: now)
            ticket.followsTicket = decision.followsClosedTicket
            ticket.subjectKey = BaseSubject.key(ticket.subject)
            if isHuman, let prediction = processor.liveClassifier?.classify(trim.text) {
                ticket.category = prediction.category
                ticket.priority = prediction.priority.rawValue
            }
            if isHuman, let due = processor.liveDue?.current {
                let hours = due.estimateHours(DueFeatures(
                    category: ticket.category, priority: ticket.priority, textLength: trim.text.count,
                    priorTickets: try DueQueries.priorTickets(db, customer: ticket.customer, before: Int64.max), createdAt: now))
                ticket.dueAt = now.addingTimeInterval(hours * 3600)
            }
            try ticket.insertFast(db)
            try ParticipantRecord(ticketId: ticket.id!, address: ticket.customer, name: sender.name, role: "customer")
                .insertFastIgnoringDuplicates(db)
        }
        let ticketID = ticket.id!
        if isHuman { try addParticipants(message, ticketID: ticketID) }

        var entry = mailEntry(message, trim: trim, sender: sender, defects: defects, rawID: rawID,
                              rule: decision.rule, conversation: conversation, explain: explain)
        entry.ticketId = ticketID
        entry.kind = bounceToken != nil ? EntryKind.bounce.rawValue : entryKind(classification.mailClass).rawValue
        try entry.insertFast(db)
        try storeAttachments(message.attachments, entryID: entry.id!)
        if let bounceToken {
            bounced = try BounceRecorder(db: db, now: now, blockDays: processor.undeliverableDays).record(bounceToken, message: message)
        }
        if let (row, reason) = bounced {
            try DeliveryFailureNotice(processor: processor, db: db, now: now).record(row, reason: reason, entryOnTicket: false)
        }

        var queued = 0
        // Automatic mail to the customer: for the first mail of a new ticket from a person, through the
        // limits of AcknowledgementQueue (checked before each mail; a trip is logged).
        let automatic = newTicket && isHuman
        let kb = KBAnswering(processor: processor, db: db, now: now)
        let suggestions = automatic ? kb.search(subject: ticket.subject, text: trim.text) : []
        if automatic, let answer = kb.answer(in: suggestions),
           let sent = try kb.send(answer, ticket: &ticket, customer: sender, parent: message) {
            // The article replaces the acknowledgement; agents hear of the ticket if the customer replies.
            queued += sent
            return Stored(ticketID: ticketID, entryID: entry.id!, newTicket: newTicket, rule: decision.rule, queuedMail: queued)
        }
        if solvedByArticle {
            try kb.recordSolved(ticketID: ticketID)
        } else if isHuman, !processor.agents.agents.isEmpty {
            let notifier = AgentNotifier(processor: processor, db: db, now: now)
            queued += try notifier.notify(ticket, event: newTicket ? "New ticket" : "Customer reply", from: sender,
                                          text: trim.text, to: notifier.audience(ticket, excluding: sender.address),
                                          suggestions: newTicket ? KBAnswering.suggestionLines(suggestions) : attempted)
        }
        if automatic {
            queued += try AcknowledgementQueue(processor: processor, db: db, now: now)
                .enqueue(ticket: ticket, customer: sender, parent: message)
        }
        return Stored(ticketID: ticketID, entryID: entry.id!, newTicket: newTicket, rule: decision.rule, queuedMail: queued)
    }
}
