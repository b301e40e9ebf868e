import ArgumentParser

/// `maildesk tickets note N --as AGENT --file F|-`: the same path as an agent's mail.
struct TicketsNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add an internal note as an agent (never sent to the customer).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket number.") var id: Int64
    @Option(name: .customLong("as"), help: "Agent id from [[helpdesk.agents]].") var agent: String
    @Option(help: "File with the text, - for standard input.") var file: String
    @Flag(help: "Queue the mail only; `run` or `poll --once` sends it.") var noSend = false

    func run() async throws {
        let (id, agent, text) = (self.id, self.agent, try AgentVerb.text(of: file))
        try await AgentVerb.run(global, send: !noSend) { app in
            try await app.agentWrites(ticketID: id, agentID: agent, text: text, note: true)
        }
    }
}
