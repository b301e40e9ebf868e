import Foundation

/// An agent as the helpdesk logic sees one (`[[helpdesk.agents]]`).
public struct Agent: Sendable, Equatable {
    public var id: String
    public var address: String
    public var name: String
    public var team: String?

    public init(id: String, address: String, name: String, team: String? = nil) {
        self.id = id
        self.address = address
        self.name = name
        self.team = team
    }
}

/// Who sent a mail, as far as agents go. Identity is proven, never taken from From alone.
public enum AgentRecognition: Sendable, Equatable {
    /// From is no agent's address.
    case notAnAgent
    /// From is an agent's address and the mail proved it: a valid agent/note token for that agent, or
    /// a pass in the trusted Authentication-Results. `how` says which (for `explain`).
    case verified(Agent, how: String)
    /// From is an agent's address but nothing proved it: handled as an ordinary participant's mail.
    case unverified(Agent, why: String)
}

/// Decides whether a mail is an agent's.
///
/// (a) a verified reply token with role `agent` or `note` naming that agent, and From is that agent; or
/// (b) From is an agent and the topmost Authentication-Results of `trustedAuthservID` shows `dmarc=pass`,
/// or `dkim=pass`/`spf=pass` aligned with the From domain (``AgentIdentity``).
/// - SeeAlso: RFC 8601 §5 (only one's own authserv-id is trusted), RFC 7489 §3.1 (alignment)
public struct AgentRecognizer: Sendable {
    public var agents: [Agent]
    public var trustedAuthservID: String?

    public init(agents: [Agent], trustedAuthservID: String?) {
        self.agents = agents
        self.trustedAuthservID = trustedAuthservID
    }

    public func agent(id: String) -> Agent? { agents.first { $0.id.lowercased() == id.lowercased() } }

    public func agent(address: String) -> Agent? {
        let lower = address.lowercased()
        return agents.first { $0.address.lowercased() == lower }
    }

    public func recognize(from: String, token: ReplyToken?, authenticationResults: [String]) -> AgentRecognition {
        byToken(from: from, token: token) ?? byAuthentication(from: from, authenticationResults: authenticationResults)
    }

    /// (a): `.verified` when `token` is an agent/note token naming the agent whose address is `from`;
    /// nil otherwise (a token of another agent proves nothing about this sender).
    public func byToken(from: String, token: ReplyToken?) -> AgentRecognition? {
        guard let token, token.role == .agent || token.role == .note, let agent = agent(address: from),
              token.agentID?.lowercased() == agent.id.lowercased() else { return nil }
        return .verified(agent, how: "\(token.role.rawValue) reply token of \(agent.id)")
    }

    /// (b): the trusted Authentication-Results alone.
    public func byAuthentication(from: String, authenticationResults: [String]) -> AgentRecognition {
        guard let agent = agent(address: from) else { return .notAnAgent }
        guard let trusted = trustedAuthservID, !trusted.isEmpty else {
            return .unverified(agent, why: "no valid agent token and no trusted_authserv_id configured")
        }
        let (ok, reason) = AgentIdentity.isAuthenticated(fromAddress: agent.address, headers: authenticationResults,
                                                         trustedAuthservID: trusted)
        return ok ? .verified(agent, how: reason) : .unverified(agent, why: "no valid agent token; " + reason)
    }
}
