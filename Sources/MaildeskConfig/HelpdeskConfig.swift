import HelpdeskCore

/// `[helpdesk]`: identity of the helpdesk and its agents.
public struct HelpdeskConfig: Sendable {
    /// The support address (required). Plus-addressing (`support+token@`) must reach the same mailbox.
    public var address: String
    /// Display name on outgoing mail; default `"Support"`.
    public var name: String
    /// Prefix inside the subject tag: `"#"` gives `[#42]`.
    public var subjectTag: String
    /// HMAC key file; default `<directory of database path>/secret`, generated if missing.
    public var secretFile: String
    /// Address that receives operator notifications, if any.
    public var admin: String?
    /// What a reply to a closed ticket does; default ``ClosedReplyPolicy/reopen``.
    public var closedReply: ClosedReplyPolicy
    /// The `authserv-id` whose Authentication-Results headers are trusted.
    /// - SeeAlso: RFC 8601 §2.2
    public var trustedAuthservID: String?
    /// Directory of template overrides for the built-in mail texts.
    public var templates: String?
    /// `[[helpdesk.agents]]`, in file order.
    public var agents: [AgentConfig]
    /// `same_subject_days`: thread by same sender + same base subject within this many days; 0 = off.
    public var sameSubjectDays: Int = 0
    /// `copy_agents`: other agents on a ticket (assignee, earlier writers) get a copy of an agent's reply.
    public var copyAgents: Bool = true

    public init(
        address: String, name: String = "Support", subjectTag: String = "#", secretFile: String,
        admin: String? = nil, closedReply: ClosedReplyPolicy = .reopen, trustedAuthservID: String? = nil,
        templates: String? = nil, agents: [AgentConfig] = []
    ) {
        self.address = address
        self.name = name
        self.subjectTag = subjectTag
        self.secretFile = secretFile
        self.admin = admin
        self.closedReply = closedReply
        self.trustedAuthservID = trustedAuthservID
        self.templates = templates
        self.agents = agents
    }
}

/// One `[[helpdesk.agents]]` entry: the helpdesk logic's own ``Agent`` (id, address, name, team).
public typealias AgentConfig = Agent

/// `[helpdesk] closed_reply`: what happens when a customer answers a closed ticket.
public enum ClosedReplyPolicy: String, Sendable {
    /// Reopen the ticket (default).
    case reopen
    /// Start a new ticket.
    case new
}
