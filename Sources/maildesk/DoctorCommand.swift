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
            let app = try global.makeApp(logger: global.makeLogger())
            let checks = await Doctor(app: app).run()
            let ok = checks.allSatisfy(\.ok)
            if global.json { try Output.json(Report(checks: checks, ok: ok)) } else { checks.forEach { Output.line($0.line) } }
            if !ok { throw ExitCode(CLIFailure.Code.failure.rawValue) }
        }
    }
}
