import Foundation
import MaildeskConfig

extension Doctor {
    /// The checks `doctor` can still make when the configuration loads but maildesk cannot start (an
    /// unusable `secret_file`, a database that will not open): `ok config`, one `FAIL start` line with
    /// the reason, then the local file checks that need no running app — secret and password file
    /// permissions, file modes and the Maildir. Like `postfix check`, doctor reports instead of stopping.
    /// - SeeAlso: postfix(1) (`check`), docs/admin-guide.md (doctor)
    public static func startupFailed(_ configuration: MaildeskConfiguration, error: any Error) -> [DoctorCheck] {
        let reason = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        var checks = [DoctorCheck("config", ok: true, "\(configuration.configPath ?? "(in memory)") loaded"),
                      DoctorCheck("start", ok: false, reason)]
        checks.append(DoctorFileChecks.secretPermissions(name: "secret_file", path: configuration.helpdesk.secretFile))
        for file in configuration.configPath.map(DoctorFileChecks.passwordFiles(configPath:)) ?? [] {
            checks.append(DoctorFileChecks.secretPermissions(name: "password_file (\(file.section))", path: file.path))
        }
        var outboxDirectory: String?
        if case let .outbox(outbox) = configuration.sink { outboxDirectory = outbox.directory }
        checks += DoctorFileChecks.fileModes(database: configuration.database.path, outboxDirectory: outboxDirectory)
        if case let .maildir(maildir) = configuration.source { checks.append(DoctorFileChecks.maildir(maildir.path)) }
        return checks
    }
}
