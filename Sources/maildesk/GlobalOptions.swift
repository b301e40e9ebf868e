import ArgumentParser
import Foundation
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore

/// `--config`, `--log-level`, `--json`: shared by every subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file.")
    var config: String = "/etc/maildesk/maildesk.toml"

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Flag(name: .long, help: "Print one JSON document on stdout.")
    var json = false

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Sets up logging to stderr; `main` is the only place that bootstraps.
    func makeLogger(defaultLevel: Logger.Level = .warning) -> Logger {
        let level = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "maildesk")
    }

    func loadConfiguration() throws -> MaildeskConfiguration {
        do {
            return try ConfigLoader.load(path: config)
        } catch {
            throw CLIFailure(.configuration, error.description)
        }
    }

    func makeApp(logger: Logger) throws -> MaildeskApp {
        let configuration = try loadConfiguration()
        do {
            return try MaildeskApp(configuration: configuration, logger: logger)
        } catch let failure as CLIFailure {
            throw failure
        } catch let open as MaildeskDatabase.OpenError {
            throw CLIFailure(open.isTemporary ? .temporary : .configuration, open.description)
        } catch {
            throw CLIFailure(.configuration, "cannot start: \(error)")
        }
    }
}

/// `--config`, `--log-level` and `--json` may stand anywhere, also before the subcommand
/// (`maildesk --config F tickets list`): they are moved behind it, where every leaf command declares
/// them, before parsing. Nothing after a `--` is touched (docs/cli.md#global-options).
enum GlobalArguments {
    static let valued: Set<String> = ["--config", "--log-level"]
    static let flags: Set<String> = ["--json"]

    static func hoisted(_ arguments: [String]) -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var rest: [String] = [], globals: [String] = []
        var index = arguments.startIndex
        while index < end {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) || (valued.contains(name) && argument.contains("=")) {
                globals.append(argument)
            } else if valued.contains(argument), index + 1 < end {
                globals += [argument, arguments[index + 1]]
                index += 1
            } else {
                rest.append(argument)
            }
            index += 1
        }
        // Before the first subcommand name nothing else is allowed, so only reorder when one follows.
        guard !globals.isEmpty, !rest.isEmpty else { return arguments }
        return rest + globals + arguments[end...]
    }
}
