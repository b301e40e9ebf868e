import ArgumentParser

/// `maildesk tickets merge N INTO` (like `#merge INTO` on ticket N).
struct TicketsMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge ticket N into ticket INTO.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket that is merged (and closed).", transform: PositiveID.parse) var id: Int64
    @Argument(help: "The ticket that receives its entries.", transform: PositiveID.parse) var into: Int64

    func validate() throws {
        if id == into { throw ValidationError("a ticket cannot be merged into itself") }
    }

    func run() async throws {
        let (id, line) = (self.id, "#merge \(into)")
        try await AgentVerb.run(global, send: false) { try await $0.runCommand(line, ticketID: id, actor: AgentVerb.cliActor) }
    }
}
