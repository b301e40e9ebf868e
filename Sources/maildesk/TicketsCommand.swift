import ArgumentParser

/// `maildesk tickets …`
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "List and show tickets.",
        subcommands: [TicketsListCommand.self, TicketsShowCommand.self], defaultSubcommand: TicketsListCommand.self)
}
