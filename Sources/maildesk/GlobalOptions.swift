import ArgumentParser
import Foundation
import Logging
import MaildeskConfig
import MaildeskServices

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
        } catch {
            throw CLIFailure(.configuration, "cannot start: \(error)")
        }
    }
}
