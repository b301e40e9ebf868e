import ArgumentParser
import Foundation
import MaildeskServices

/// `maildesk doctor [--json]`: one `ok|FAIL <check>: <detail>` line per check; exit 1 when any fails.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check configuration, database, disk, secrets, IMAP, clock, SMTP and the outbox.")
    @OptionGroup var global: GlobalOptions

    /// `doctor --json` → `{"checks":[{"name","ok","detail"}],"ok":bool}`.
    struct Report: Encodable { var checks: [DoctorCheck]; var ok: Bool }

    func run() async throws {
        try await reportingErrors {
            let logger = global.makeLogger()
            let app: MaildeskApp
            do {
                app = try global.makeApp(logger: logger)
            } catch let failure as CLIFailure {
                // Like `postfix check`: the local file checks that need no running app still report,
                // then the one line and exit code of the failure that stopped the start.
                if let configuration = try? global.loadConfiguration() {
                    let checks = Doctor.startupFailed(configuration, error: failure)
                    if global.json { try Output.json(Report(checks: checks, ok: false)) } else { checks.forEach { Output.line($0.line) } }
                }
                throw failure
            }
            let checks = await Doctor(app: app).run()
            let ok = checks.allSatisfy(\.ok)
            if global.json { try Output.json(Report(checks: checks, ok: ok)) } else { checks.forEach { Output.line($0.line) } }
            if !ok { throw ExitCode(CLIFailure.Code.failure.rawValue) }
        }
    }
}
