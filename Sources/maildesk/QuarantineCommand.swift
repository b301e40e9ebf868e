import ArgumentParser
import Foundation
import MaildeskServices

/// `maildesk quarantine list|show ID`: messages that could not be processed, with their raw bytes.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "Inspect quarantined messages.",
        subcommands: [QuarantineListCommand.self, QuarantineShowCommand.self], defaultSubcommand: QuarantineListCommand.self)
}

struct QuarantineListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List quarantined messages.")
    @OptionGroup var global: GlobalOptions

    struct Listing: Encodable { var quarantine: [QuarantineView] }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let items = try await app.database.writer.read { try QuarantineQueries.list($0) }
            if global.json { return try Output.json(Listing(quarantine: items)) }
            if items.isEmpty { return Output.line("quarantine is empty") }
            Output.table(["ID", "STATUS", "SIZE", "SOURCE", "REASON"], items.map {
                ["\($0.id)", $0.status, "\($0.size)", Output.clip($0.source, 40), $0.reason]
            })
        }
    }
}

struct QuarantineShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a quarantined message's raw bytes.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Quarantine id.") var id: Int64

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let id = self.id
            guard let data = try await app.database.writer.read({ try QuarantineQueries.raw($0, id: id) }) else {
                throw CLIFailure(.dataError, "no quarantined message \(id)")
            }
            FileHandle.standardOutput.write(data)
        }
    }
}
