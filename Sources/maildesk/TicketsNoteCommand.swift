import ArgumentParser

/// `maildesk tickets note N --as AGENT --file F|-`: an internal note, like a mail to the note address.
struct TicketsNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add an internal note as an agent (never sent to the customer).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var writing: AgentWritingOptions

    func run() async throws { try await writing.run(global, note: true) }
}
