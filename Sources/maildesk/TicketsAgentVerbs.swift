import ArgumentParser
import Foundation
import MaildeskServices

/// What `tickets reply|note|assign|close|reopen|merge` share: run on the wired app, map mistakes to one
/// line and an exit code, send what was queued (unless `--no-send`), print the outcome.
enum AgentVerb {
    static func run(_ global: GlobalOptions, send: Bool,
                    _ body: @escaping @Sendable (MaildeskApp) async throws -> MaildeskApp.AgentVerbResult) async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let result: MaildeskApp.AgentVerbResult
            do {
                result = try await body(app)
            } catch let error as MaildeskApp.AgentVerbError {
                switch error {
                case .noSuchAgent: throw CLIFailure(.usage, error.description)
                case .noSuchTicket: throw CLIFailure(.dataError, error.description)
                // Its description goes on with the list of #commands: one line is enough here.
                case let .command(wrong): throw CLIFailure(.dataError, "\(wrong); nothing applied")
                }
            }
            var sent = 0
            if send, result.queued > 0 { sent = try await app.flushOutbox().sent }
            if global.json { return try Output.json(result) }
            let done = result.applied.isEmpty ? "" : " (" + result.applied.joined(separator: ", ") + ")"
            let mail = result.queued == 0 ? "" : "; \(result.queued) mail(s) queued, \(sent) sent"
            Output.line("ticket #\(result.ticket)\(result.entry.map { ": entry #\($0)" } ?? ": updated")\(done)\(mail)")
        }
    }

    /// The actor recorded for verbs without `--as`: the Unix user at the terminal.
    static var cliActor: String { MaildeskApp.cliActor }
}
