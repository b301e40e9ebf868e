import Foundation
import GRDB
import MaildeskServices
import MaildeskStore
import Testing

/// `backup` and `restore`: a verified copy, and the way back that keeps the replaced database.
@Suite struct OpsBackupTests {
    func tickets(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "SELECT subject FROM ticket ORDER BY id") }
    }

    func ingest(_ app: MaildeskApp, _ subjects: [String]) async throws {
        for subject in subjects {
            _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: subject,
                                                             messageID: "\(UUID())@customer.test"))
        }
    }

    @Test func backupAndRestoreRoundTrip() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        try await ingest(app, ["One", "Two"])
        let file = state + "/backup.sqlite"
        let report = try app.backup(to: file, force: false)
        #expect(report.integrity == "ok")
        #expect(report.bytes > 0)
        // One standalone file: nothing left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("backup.sqlite") }
        #expect(leftovers == ["backup.sqlite"])
        #expect(try tickets(file) == ["One", "Two"])
        #expect(throws: DatabaseBackup.Failure.self) { try app.backup(to: file, force: false) }
        #expect(throws: DatabaseBackup.Failure.self) { try app.backup(to: state, force: true) }
        #expect(FileManager.default.fileExists(atPath: state + "/maildesk.sqlite"))
        try await ingest(app, ["Three"])
        let later = state + "/later.sqlite"
        try "old\n".write(toFile: later, atomically: true, encoding: .utf8)
        #expect(throws: DatabaseBackup.Failure.self) { try app.backup(to: later, force: false) }
        #expect(try app.backup(to: later, force: true).integrity == "ok")
        #expect(try tickets(later) == ["One", "Two", "Three"])
        #expect(try tickets(file) == ["One", "Two"])

        // Restore the two-ticket backup into the database that has moved on (service stopped).
        let path = app.configuration.database.path
        try app.database.writer.close()
        let restored = try await DatabaseBackup.restore(file, into: path, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(restored.previous == path + ".before-restore-20270115T080000Z")
        #expect(try tickets(path) == ["One", "Two"])
        #expect(try tickets(path + ".before-restore-20270115T080000Z") == ["One", "Two", "Three"])
        let reopened = try TestSupport.app(state: state)
        try await ingest(reopened, ["Four"])
        #expect(try tickets(path) == ["One", "Two", "Four"])

        // A second restore within the same second keeps both replaced databases.
        try reopened.database.writer.close()
        let again = try await DatabaseBackup.restore(file, into: path, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(again.previous == path + ".before-restore-20270115T080000Z-2")
        #expect(try tickets(path + ".before-restore-20270115T080000Z-2") == ["One", "Two", "Four"])
        #expect(try tickets(path + ".before-restore-20270115T080000Z") == ["One", "Two", "Three"])
    }

    @Test func restoreRefusesWhatIsNotAMaildeskDatabase() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        try await ingest(app, ["Keep me"])
        let path = app.configuration.database.path
        let text = state + "/notes.txt"
        try "not a database\n".write(toFile: text, atomically: true, encoding: .utf8)
        let other = state + "/other.sqlite"
        let queue = try DatabaseQueue(path: other)
        try await queue.write { try $0.execute(sql: "CREATE TABLE ticket (id INTEGER); CREATE TABLE raw_message (id INTEGER)") }
        try queue.close()
        for file in [text, other, state + "/missing.sqlite", path] {
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.restore(file, into: path) }
        }
        #expect(try tickets(path) == ["Keep me"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.contains("before-restore") }
        #expect(leftovers.isEmpty)
    }

    @Test func restoreRefusesWhileTheIngestLockIsHeld() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        try await ingest(app, ["Locked"])
        let file = state + "/backup.sqlite"
        _ = try app.backup(to: file, force: false)
        let path = app.configuration.database.path
        let lock = ProcessLock(path: path + ".ingest.lock")
        try await lock.withLock {
            do {
                _ = try await DatabaseBackup.restore(file, into: path)
                Issue.record("restore ran while the ingest lock was held")
            } catch let failure as DatabaseBackup.Failure {
                #expect(failure.kind == .busy)
                #expect(failure.description.contains("ingest.lock"))
            }
        }
    }
}
