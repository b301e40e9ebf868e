import ArgumentParser
import Foundation
import GRDB
import MaildeskServices

/// `maildesk ingest`: one message on stdin, for MTA pipe delivery (Postfix `pipe`, like rt-mailgate).
/// Exit 0 when stored or quarantined; 75 on a temporary failure so the MTA retries.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest one message from standard input.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Leave outbound mail queued instead of sending it now.")
    var noSend = false

    func run() async throws {
        try await reportingErrors {
            let logger = global.makeLogger()
            let app = try global.makeApp(logger: logger)
            let input = FileHandle.standardInput.readDataToEndOfFile()
            guard !input.isEmpty else { throw CLIFailure(.dataError, "no message on standard input") }
            let result: IngestResult
            do {
                result = try await app.ingestMessage(Array(input))
            } catch {
                throw CLIFailure(.temporary, "temporary failure, message not stored: \(error)")
            }
            switch result {
            case let .entry(ticket, _, newTicket, _, _):
                Output.line(newTicket ? "new ticket #\(ticket)" : "added to ticket #\(ticket)")
            case .duplicate: Output.line("duplicate: already stored")
            case let .quarantined(id, reason): Output.line("quarantined as \(id): \(reason)")
            case .alreadySeen: Output.line("already processed")
            }
            if !noSend { _ = try? await app.flushOutbox() }
        }
    }
}
