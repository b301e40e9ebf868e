import ArgumentParser
import Foundation
import MaildeskServices
#if canImport(Glibc)
import Glibc
#endif

/// `maildesk backup FILE [--force]`: SQLite online backup, consistent while `run` ingests, checked with
/// `PRAGMA integrity_check` before it is put in place.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database to FILE while maildesk keeps running.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Backup file to create.") var file: String
    @Flag(name: .long, help: "Overwrite FILE if it exists.") var force = false

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let progress = Output.progress("backed up", unit: " pages", json: global.json)
            let report: DatabaseBackup.BackupReport
            do {
                report = try app.backup(to: file, force: force, progress: progress)
            } catch let failure as DatabaseBackup.Failure {
                throw CLIFailure(failure.kind == .exists ? .usage : .failure, failure.description)
            }
            if global.json { return try Output.json(report) }
            Output.line("backed up \(app.database.path) to \(report.file) (\(report.bytes) bytes, integrity_check \(report.integrity))")
        }
    }
}
