import Foundation

/// The threading rules, by their fixed `explain` names (docs/cli.md#identifiers-and-states, docs/design.md#threading).
public enum ThreadRule: String, Sendable, Codable {
    case token, references
    case threadIndex = "thread_index"
    case subjectTag = "subject_tag"
    case sameSubject = "same_subject"
    case new, duplicate
}

/// A candidate that a rule looked at and turned down, with the reason (for `explain`).
public struct RejectedCandidate: Sendable, Equatable, Codable {
    public var rule: ThreadRule
    public var candidate: String
    public var why: String

    public init(rule: ThreadRule, candidate: String, why: String) {
        self.rule = rule
        self.candidate = candidate
        self.why = why
    }
}

/// Where a mail goes: an existing ticket (and whether that reopens it) or a new one.
public struct ThreadDecision: Sendable, Equatable {
    public var rule: ThreadRule
    public var ticketID: Int64?
    public var reopen: Bool = false
    /// Set when a reply to a closed ticket starts a new ticket (`closed_reply = "new"`).
    public var followsClosedTicket: Int64?
    public var rejected: [RejectedCandidate] = []
    /// The verified reply token that chose the ticket (rule `token`).
    public var token: ReplyToken?
}

/// What the resolver needs to know about stored tickets; the store implements it over a transaction.
public protocol TicketDirectory {
    /// The ticket of a Message-ID we stored (inbound) or generated (outbound).
    func ticketID(forMessageID id: String) throws -> Int64?
    func status(ofTicket id: Int64) throws -> TicketStatus?
    func isParticipant(_ address: String, ofTicket id: Int64) throws -> Bool
    /// The ticket of the newest stored mail of an Outlook conversation (Thread-Index GUID).
    func ticketID(forThreadIndex conversationID: String) throws -> Int64?
    /// The newest ticket of `customer` whose base subject key is `subjectKey`, created after `since`.
    func ticketID(customer: String, subjectKey: String, since: Date) throws -> Int64?
}

/// Mail facts the threading rules look at.
public struct ThreadingInput: Sendable {
    public var inReplyTo: [String]
    public var references: [String]
    public var subject: String
    public var sender: String
    /// Every recipient address (To, Cc, Delivered-To, X-Original-To): where reply tokens travel.
    public var recipients: [String]
    /// Outlook's conversation GUID from `Thread-Index`, when present.
    public var threadIndex: String?
    /// The sender is an agent whose mail proved it (trusted Authentication-Results): agents are
    /// participants of every ticket for the subject tag rule.
    public var senderIsProvenAgent = false

    public init(inReplyTo: [String], references: [String], subject: String, sender: String,
                recipients: [String] = [], threadIndex: String? = nil) {
        self.inReplyTo = inReplyTo
        self.references = references
        self.subject = subject
        self.sender = sender
        self.recipients = recipients
        self.threadIndex = threadIndex
    }
}

/// Decides whether a mail follows up an existing ticket. Rules run in a fixed order and each decision
/// names the rule that made it. Only our signed reply tokens and Message-IDs are proof on their own;
/// anything a customer's mail carried (their Message-IDs, Outlook's conversation GUID, a subject tag)
/// threads only a participant's mail (docs/design.md#threading).
///
/// - SeeAlso: RFC 5256 §2.2 (References, else In-Reply-To), RFC 5322 §3.6.4.
public struct ThreadResolver: Sendable {
    public var subjectTag: SubjectTag
    public var closedReply: ClosedReplyHandling
    public var signer: MessageIDSigner?
    /// Verifies `support+<token>@` addresses; `supportAddress` is the base they extend.
    public var tokens: ReplyTokenCodec?
    public var supportAddress: String
    /// Rule `same_subject` (off when 0): same sender and same base subject within this many days.
    public var sameSubjectDays: Int = 0
    public var now: Date = Date()

    public enum ClosedReplyHandling: String, Sendable { case reopen, new }

    public init(subjectTag: SubjectTag, closedReply: ClosedReplyHandling, signer: MessageIDSigner?,
                tokens: ReplyTokenCodec? = nil, supportAddress: String = "") {
        self.subjectTag = subjectTag
        self.closedReply = closedReply
        self.signer = signer
        self.tokens = tokens
        self.supportAddress = supportAddress
    }

    public func resolve(_ input: ThreadingInput, in directory: some TicketDirectory) throws -> ThreadDecision {
        var rejected: [RejectedCandidate] = []
        // 1. A signed reply token in any recipient address (RFC 5233 subaddress).
        if let tokens, !supportAddress.isEmpty {
            for address in input.recipients where Self.isSubaddress(address, of: supportAddress) {
                guard let token = tokens.token(inAddress: address, base: supportAddress) else {
                    rejected.append(.init(rule: .token, candidate: address, why: "reply token does not verify"))
                    continue
                }
                guard try directory.status(ofTicket: token.ticketID) != nil else {
                    rejected.append(.init(rule: .token, candidate: address, why: "no such ticket"))
                    continue
                }
                // A bounce never reopens a ticket or starts a new one: it belongs to the mail that bounced.
                var decision = token.role == .bounce
                    ? ThreadDecision(rule: .token, ticketID: token.ticketID, rejected: rejected)
                    : try decide(token.ticketID, rule: .token, rejected: rejected, directory: directory)
                decision.token = token
                return decision
            }
        }
        // 2. The whole chain, newest first: In-Reply-To, then References from the end.
        if let ticket = try referencedTicket(input, rejected: &rejected, directory: directory) {
            return try decide(ticket, rule: .references, rejected: rejected, directory: directory)
        }
        // 3. Outlook's conversation GUID, for replies whose References were stripped; like any
        // identifier the customer's mail carried, only from a participant.
        if let conversation = input.threadIndex, let ticket = try directory.ticketID(forThreadIndex: conversation),
           try participates(input, in: ticket, rule: .threadIndex, candidate: conversation, rejected: &rejected, directory: directory) {
            return try decide(ticket, rule: .threadIndex, rejected: rejected, directory: directory)
        }
        // 4. A subject tag, only from a participant of that ticket.
        for ticket in subjectTag.ticketIDs(in: input.subject) {
            guard try directory.status(ofTicket: ticket) != nil else {
                rejected.append(.init(rule: .subjectTag, candidate: "\(ticket)", why: "no such ticket"))
                continue
            }
            guard try participates(input, in: ticket, rule: .subjectTag, candidate: "\(ticket)",
                                   rejected: &rejected, directory: directory) else { continue }
            return try decide(ticket, rule: .subjectTag, rejected: rejected, directory: directory)
        }
        // 5. Optional: the same sender with the same base subject (RFC 5256 §2.1) within N days.
        if sameSubjectDays > 0 {
            let key = BaseSubject.key(input.subject)
            if !key.isEmpty, let ticket = try directory.ticketID(
                customer: input.sender.lowercased(), subjectKey: key,
                since: now.addingTimeInterval(-Double(sameSubjectDays) * 86_400)) {
                return try decide(ticket, rule: .sameSubject, rejected: rejected, directory: directory)
            }
        }
        return ThreadDecision(rule: .new, ticketID: nil, rejected: rejected)
    }

    /// `support+anything@domain` for base `support@domain`, case-insensitive.
    static func isSubaddress(_ address: String, of base: String) -> Bool {
        let a = address.lowercased(), b = base.lowercased()
        guard let at = b.lastIndex(of: "@"), let aAt = a.lastIndex(of: "@"), a[aAt...] == b[at...] else { return false }
        return a[..<aAt].hasPrefix(b[..<at] + "+")
    }

    func decide(_ ticket: Int64, rule: ThreadRule, rejected: [RejectedCandidate],
                directory: some TicketDirectory) throws -> ThreadDecision {
        guard try directory.status(ofTicket: ticket) == .closed else {
            return ThreadDecision(rule: rule, ticketID: ticket, rejected: rejected)
        }
        switch closedReply {
        case .reopen:
            return ThreadDecision(rule: rule, ticketID: ticket, reopen: true, rejected: rejected)
        case .new:
            return ThreadDecision(rule: .new, ticketID: nil, followsClosedTicket: ticket, rejected: rejected)
        }
    }
}
