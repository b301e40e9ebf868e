import ArgumentParser

/// `maildesk tickets assign N AGENT` (like `#assign AGENT`); the agent is told by mail.
struct TicketsAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a ticket to an agent.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket number.", transform: PositiveID.parse) var id: Int64
    @Argument(help: "Agent id from [[helpdesk.agents]].") var agent: String

    func run() async throws {
        let (id, line) = (self.id, "#assign \(agent)")
        try await AgentVerb.run(global, send: true) { try await $0.runCommand(line, ticketID: id, actor: AgentVerb.cliActor) }
    }
}
