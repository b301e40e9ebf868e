import ArgumentParser
import Foundation
import MaildeskServices

/// `maildesk restore FILE`: put a verified backup in place of the database, keeping the old one as
/// `<db>.before-restore-<timestamp>`. Refused while another maildesk holds the ingest lock.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the database by a backup (stop the service first).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Backup file made by `maildesk backup`.") var file: String

    func run() async throws {
        try await reportingErrors {
            try UserFiles.checkFile(file)
            // Not through makeApp: the current database may be the broken thing being replaced.
            let configuration = try global.loadConfiguration()
            let logger = global.makeLogger()
            let report: DatabaseBackup.RestoreReport
            do {
                report = try await DatabaseBackup.restore(file, into: configuration.database.path)
            } catch let failure as DatabaseBackup.Failure {
                let code: CLIFailure.Code = switch failure.kind {
                case .notMaildesk: .dataError
                case .busy: .temporary
                case .exists, .failed: .failure
                }
                throw CLIFailure(code, failure.description)
            }
            logger.notice("database restored", metadata: ["restore.file": "\(file)", "restore.previous": "\(report.previous ?? "-")"])
            if global.json { return try Output.json(report) }
            Output.line("restored \(report.database) from \(report.from)"
                + (report.previous.map { "; previous database kept as \($0)" } ?? ""))
        }
    }
}
