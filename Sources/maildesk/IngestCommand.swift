import ArgumentParser
import Foundation
import GRDB
import MaildeskServices

/// `maildesk ingest`: one message on stdin, for MTA pipe delivery (Postfix `pipe`, like rt-mailgate).
///
/// Exit 0 when the message is stored or quarantined (a message that is itself the problem is kept in
/// quarantine, not bounced). Every other failure — the database locked or busy, a full disk, an I/O
/// error, and also a broken config, secret_file or database — exits 75 (EX_TEMPFAIL) with one line on
/// stderr naming the cause: the MTA keeps the message and retries. Never 78 (EX_CONFIG), which Postfix
/// pipe(8) bounces; 65 only for an empty standard input.
/// - SeeAlso: pipe(8) (Postfix), sysexits(3), docs/admin-guide.md (pipe delivery exit codes)
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest one message from standard input.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Leave outbound mail queued instead of sending it now.")
    var noSend = false

    func run() async throws {
        try await reportingErrors {
            // Read the whole message first: the MTA is never left writing into a closed pipe.
            let input: Data
            do {
                input = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                throw Self.deferred("cannot read the message on standard input: \(error)")
            }
            guard !input.isEmpty else { throw CLIFailure(.dataError, "no message on standard input") }
            let app: MaildeskApp
            do {
                app = try global.makeApp(logger: global.makeLogger())
            } catch {
                throw Self.deferred(String(describing: error))
            }
            let result: IngestResult
            do {
                result = try await app.ingestMessage(Array(input))
            } catch {
                throw Self.deferred("message not stored: \(error)")
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

    /// Exit 75 with one line: the cause, flattened, and that the MTA keeps the message.
    static func deferred(_ cause: String) -> CLIFailure {
        let line = cause.split(whereSeparator: \.isNewline).joined(separator: " ")
        return CLIFailure(.temporary, "temporary failure, the MTA keeps the message and retries: \(line)")
    }
}
