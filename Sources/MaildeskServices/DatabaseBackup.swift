import Foundation
import GRDB
import MaildeskStore

/// `backup FILE` and `restore FILE`: SQLite online backup of the live database and its way back.
///
/// The backup reads one snapshot (a WAL read transaction) through the SQLite backup API, so it is
/// consistent while `run` keeps ingesting; it is written to `FILE.partial`, checked with
/// `PRAGMA integrity_check` and only then renamed to FILE. The backup, and a restored database, are
/// created 0600 whatever the umask (``PrivateFiles``).
/// - SeeAlso: https://www.sqlite.org/backup.html, https://www.sqlite.org/pragma.html#pragma_integrity_check
public enum DatabaseBackup {
    /// A refused or failed backup/restore, as one line.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public enum Kind: Sendable { case exists, notMaildesk, busy, failed }
        public var kind: Kind
        public var description: String
    }

    public struct BackupReport: Sendable, Encodable {
        public var file: String
        public var bytes: Int64
        public var pages: Int
        public var integrity: String
    }

    /// Copies `database` into `file`; an existing `file` is replaced only with `force`.
    public static func backup(_ database: MaildeskDatabase, to file: String, force: Bool,
                              progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> BackupReport {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(kind: .exists, description: "\(file) is a directory; give a file name")
        }
        if manager.fileExists(atPath: file) && !force {
            throw Failure(kind: .exists, description: "\(file) exists; use --force to overwrite it")
        }
        let partial = file + ".partial"
        for path in [partial, partial + "-journal", partial + "-wal", partial + "-shm"] { try? manager.removeItem(atPath: path) }
        var pages = 0
        do {
            try PrivateFiles.createEmpty(partial)  // 0600 whatever the umask, like the live database
            let destination = try DatabaseQueue(path: partial)
            try database.writer.backup(to: destination, pagesPerStep: 4096) { step in
                pages = step.totalPageCount
                progress?(step.completedPageCount, step.totalPageCount)
            }
            // A standalone file: the copy would inherit WAL mode and leave -wal/-shm beside it.
            try destination.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
            let integrity = try verify(partial)
            for path in [partial + "-wal", partial + "-shm"] { try? manager.removeItem(atPath: path) }
            if manager.fileExists(atPath: file) { try manager.removeItem(atPath: file) }
            try manager.moveItem(atPath: partial, toPath: file)
            let size = (try manager.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupReport(file: file, bytes: size, pages: pages, integrity: integrity)
        } catch {
            try? manager.removeItem(atPath: partial)
            if let failure = error as? Failure { throw failure }
            throw Failure(kind: .failed, description: "backup to \(file) failed: \(error)")
        }
    }

    /// Checks that `file` is an intact maildesk database: `integrity_check` is `ok` and GRDB's migration
    /// table names the foundation migration. Returns the integrity result (`ok`).
    @discardableResult
    public static func verify(_ file: String) throws -> String {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw Failure(kind: .notMaildesk, description: "cannot read \(file)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: file, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let result = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                guard result == "ok" else {
                    throw Failure(kind: .notMaildesk, description: "\(file) fails integrity_check: \(result)")
                }
                let migrated = try db.tableExists("grdb_migrations")
                    && (try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM grdb_migrations WHERE identifier = 'v1-foundation')") ?? false)
                guard migrated, try db.tableExists("ticket"), try db.tableExists("raw_message") else {
                    throw Failure(kind: .notMaildesk, description: "\(file) is not a maildesk database (no maildesk migrations)")
                }
                return result
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(kind: .notMaildesk, description: "\(file) is not a maildesk database: \(error)")
        }
    }

    public struct RestoreReport: Sendable, Encodable {
        public var database: String
        public var from: String
        /// Where the replaced database was kept, nil when there was none.
        public var previous: String?

        enum CodingKeys: String, CodingKey { case database, from, previous }

        /// `previous` is `null` (not left out) when there was no database to keep.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(database, forKey: .database)
            try c.encode(from, forKey: .from)
            try c.encode(previous, forKey: .previous)
        }
    }

    /// Replaces the database at `path` by the verified backup `file`, keeping the old one (with its
    /// `-wal`, so nothing committed is lost) as `<db>.before-restore-<UTC timestamp>`. Refused while
    /// another process holds the ingest or send lock.
    public static func restore(_ file: String, into path: String, now: Date = Date()) async throws -> RestoreReport {
        let resolved = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        guard resolved(file) != resolved(path) else {
            throw Failure(kind: .notMaildesk, description: "\(file) is the live database itself; give a backup file")
        }
        try verify(file)
        let ingestLock = ProcessLock(path: path + ".ingest.lock"), sendLock = ProcessLock(path: path + ".send.lock")
        do {
            return try await ingestLock.withLock(timeout: 0) {
                try await sendLock.withLock(timeout: 0) { try replace(path, with: file, now: now) }
            }
        } catch let busy as ProcessLock.Busy {
            throw Failure(kind: .busy, description: "refusing to restore: \(busy.description) (stop maildesk first)")
        }
    }

    static func replace(_ path: String, with file: String, now: Date) throws -> RestoreReport {
        let manager = FileManager.default
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        // Two restores within one second must not collide: `…Z`, then `…Z-2`, `…Z-3`.
        let stamp = path + ".before-restore-" + formatter.string(from: now)
        var kept = stamp
        var attempt = 1
        while ["", "-wal", "-shm"].contains(where: { manager.fileExists(atPath: kept + $0) }) {
            attempt += 1
            kept = stamp + "-\(attempt)"
        }
        var moved: [(String, String)] = []
        if manager.fileExists(atPath: path) {
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
                try manager.moveItem(atPath: path + suffix, toPath: kept + suffix)
                moved.append((path + suffix, kept + suffix))
            }
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let source = try DatabaseQueue(path: file, configuration: configuration)
            try PrivateFiles.createEmpty(path)
            let destination = try DatabaseQueue(path: path)
            try source.backup(to: destination)
            try source.close()
            try destination.close()
            _ = try MaildeskDatabase(path: path)  // WAL mode and any newer migrations
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: path + suffix) }
            for (original, backup) in moved { try? manager.moveItem(atPath: backup, toPath: original) }
            throw Failure(kind: .failed, description: "restore from \(file) failed, previous database put back: \(error)")
        }
        return RestoreReport(database: path, from: file, previous: moved.isEmpty ? nil : kept)
    }
}
