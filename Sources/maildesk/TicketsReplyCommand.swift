import ArgumentParser

/// What `tickets reply` and `tickets note` take: `N --as AGENT --file F|- [--no-send]`.
struct AgentWritingOptions: ParsableArguments {
    @Argument(help: "Ticket number.", transform: PositiveID.parse) var id: Int64
    @Option(name: .customLong("as"), help: "Agent id from [[helpdesk.agents]].") var agent: String
    @Option(help: "File with the text, - for standard input.") var file: String
    @Flag(help: "Queue the mail only; `run` or `poll --once` sends it.") var noSend = false

    func run(_ global: GlobalOptions, note: Bool) async throws {
        var read = ""
        try await reportingErrors { read = try UserFiles.text(file) }  // before the database is touched
        let (id, agent, text) = (self.id, self.agent, read)
        try await AgentVerb.run(global, send: !noSend) { app in
            try await app.agentWrites(ticketID: id, agentID: agent, text: text, note: note)
        }
    }
}

/// `maildesk tickets reply N --as AGENT --file F|-`: the same path as an agent's reply by mail.
struct TicketsReplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "Reply to the customer as an agent (the text may start with #commands).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var writing: AgentWritingOptions

    func run() async throws { try await writing.run(global, note: false) }
}
