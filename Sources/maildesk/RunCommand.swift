import ArgumentParser

/// `maildesk run`: the daemon (poller and outbox sender as services; SIGTERM finishes the current message).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the poller and the outbox sender until SIGTERM.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let logger = global.makeLogger(defaultLevel: .info)
            let app = try global.makeApp(logger: logger)
            try await app.runDaemon()
        }
    }
}
