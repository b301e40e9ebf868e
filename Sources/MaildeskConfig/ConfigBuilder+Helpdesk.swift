import Foundation
import TOMLKit

/// `[helpdesk]` and `[[helpdesk.agents]]`.
extension ConfigBuilder {
    func helpdeskSection(databasePath: String) throws(ConfigError) -> HelpdeskConfig {
        let reader = try requiredSection("helpdesk", hint: "address = \"support@example.com\"")
        try reader.allowOnly([
            "address", "name", "subject_tag", "secret_file", "admin", "closed_reply", "trusted_authserv_id",
            "templates", "agents", "same_subject_days", "copy_agents",
        ])
        let defaultSecret = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
            .appendingPathComponent("secret").path
        var config = HelpdeskConfig(
            address: try reader.requiredEmail("address"),
            name: try reader.string("name") ?? "Support",
            subjectTag: try subjectTag(reader),
            secretFile: try reader.path("secret_file") ?? defaultSecret,
            admin: try reader.email("admin"),
            closedReply: try closedReply(reader),
            trustedAuthservID: try reader.string("trusted_authserv_id"),
            templates: try reader.path("templates"),
            agents: try agents(reader))
        config.sameSubjectDays = try reader.int("same_subject_days", minimum: 0) ?? 0
        config.copyAgents = try reader.bool("copy_agents", default: true)
        return config
    }

    /// The `[#42]` prefix: no whitespace or brackets, which would break finding the tag in a subject.
    private func subjectTag(_ reader: TableReader) throws(ConfigError) -> String {
        guard let tag = try reader.string("subject_tag") else { return "#" }
        guard !tag.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "]" }) else {
            throw reader.error("subject_tag", "must not contain spaces or brackets, got \"\(tag)\"")
        }
        return tag
    }

    private func closedReply(_ reader: TableReader) throws(ConfigError) -> ClosedReplyPolicy {
        guard let text = try reader.string("closed_reply") else { return .reopen }
        guard let policy = ClosedReplyPolicy(rawValue: text) else {
            throw reader.error("closed_reply", "expected \"reopen\" or \"new\", got \"\(text)\"")
        }
        return policy
    }

    private func agents(_ reader: TableReader) throws(ConfigError) -> [AgentConfig] {
        guard let value = reader.table["agents"] else { return [] }
        guard let array = value.array else {
            throw reader.error("agents", "expected an array of tables ([[helpdesk.agents]])")
        }
        var agents: [AgentConfig] = []
        var idLines: [String: Int] = [:]
        var addressOwners: [String: String] = [:]
        for position in 0..<array.count {
            guard let table = array[position].table else {
                throw reader.error("agents", "expected an array of tables ([[helpdesk.agents]])")
            }
            let agentReader = TableReader(table: table, section: "helpdesk.agents", index: position, context: context)
            let agent = try agent(agentReader)
            if idLines[agent.id] != nil {
                throw agentReader.error("id", "duplicate agent id \"\(agent.id)\"")
            }
            idLines[agent.id] = position
            let addressKey = agent.address.lowercased()
            if let owner = addressOwners[addressKey] {
                throw agentReader.error("address", "\(agent.address) is already used by agent \"\(owner)\"")
            }
            addressOwners[addressKey] = agent.id
            agents.append(agent)
        }
        return agents
    }

    private func agent(_ reader: TableReader) throws(ConfigError) -> AgentConfig {
        try reader.allowOnly(["id", "address", "name", "team"])
        let id = try reader.requiredString("id")
        guard !id.isEmpty, id.utf8.count <= 18,
              id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }) else {
            throw reader.error("id", "must be 1-18 letters, digits, '.', '_' or '-' (it travels in reply addresses), got \"\(id)\"")
        }
        let address = try reader.requiredEmail("address")
        return AgentConfig(id: id, address: address, name: try reader.string("name") ?? id, team: try reader.string("team"))
    }
}
