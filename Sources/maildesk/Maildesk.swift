import ArgumentParser

/// `maildesk`: turns support mail into tickets. Subcommands and flags are fixed in INTERFACES.md.
@main
struct Maildesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildesk",
        abstract: "Email-to-ticket processor: fetch support mail, keep tickets, answer customers.",
        subcommands: [
            RunCommand.self, PollCommand.self, IngestCommand.self, ParseCommand.self,
            TicketsCommand.self, QuarantineCommand.self, ExplainCommand.self,
        ])
}
