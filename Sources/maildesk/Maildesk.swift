import ArgumentParser
import Foundation

/// `maildesk`: turns support mail into tickets. Subcommands and flags are fixed in docs/cli.md.
@main
struct Maildesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildesk",
        abstract: "Email-to-ticket processor: fetch support mail, keep tickets, answer customers.",
        discussion: """
            Global options --config FILE (default /etc/maildesk/maildesk.toml), --json and --log-level LEVEL \
            may stand before or after the subcommand: `maildesk --config F tickets list` and \
            `maildesk tickets list --config F` are the same.
            """,
        subcommands: [
            RunCommand.self, PollCommand.self, IngestCommand.self, ParseCommand.self,
            TicketsCommand.self, QuarantineCommand.self, ExplainCommand.self, ReplayCommand.self,
            DoctorCommand.self, BackupCommand.self, RestoreCommand.self, CustomersCommand.self, ClassifyCommand.self,
            KBCommand.self, StatsCommand.self, ReportCommand.self, OutboxCommand.self,
        ])

    /// Like ArgumentParser's own `main`, but a user mistake is ONE line on stderr (`maildesk: …`) with
    /// exit code 64; `--help` still prints the full help on stdout.
    static func main() async {
        do {
            let arguments = GlobalArguments.hoisted(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(try NegativeNumbers.attached(arguments))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            let first = message.split(separator: "\n").first.map(String.init) ?? "\(error)"
            let line = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
            FileHandle.standardError.write(Data("maildesk: \(Output.safe(line)) (see `maildesk help`)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
