import ArgumentParser

/// `maildesk tickets …`
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "List, show and work on tickets.",
        subcommands: [TicketsListCommand.self, TicketsShowCommand.self, TicketsReplyCommand.self, TicketsNoteCommand.self,
                      TicketsAssignCommand.self, TicketsCloseCommand.self, TicketsReopenCommand.self,
                      TicketsMergeCommand.self],
        defaultSubcommand: TicketsListCommand.self)
}
