import ArgumentParser

/// `maildesk tickets close N` (like `#close`).
struct TicketsCloseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a ticket.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket number.", transform: PositiveID.parse) var id: Int64

    func run() async throws {
        let id = self.id
        try await AgentVerb.run(global, send: false) { try await $0.runCommand("#close", ticketID: id, actor: AgentVerb.cliActor) }
    }
}

/// `maildesk tickets reopen N` (like `#reopen`).
struct TicketsReopenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a ticket again.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket number.", transform: PositiveID.parse) var id: Int64

    func run() async throws {
        let id = self.id
        try await AgentVerb.run(global, send: false) { try await $0.runCommand("#reopen", ticketID: id, actor: AgentVerb.cliActor) }
    }
}
