import Foundation
import GRDB

/// The maildesk SQLite database: a WAL-mode pool, migrated on open.
///
/// Writes run with `synchronous = NORMAL` (durable at the next checkpoint or full sync); code that is
/// about to change state on the mail server first calls `fullSync()` so nothing marked there can be
/// lost here.
public final class MaildeskDatabase: Sendable {
    public let writer: DatabasePool
    public let path: String

    public init(path: String) throws {
        self.path = path
        // Private whatever the umask: the directory 0700 if we create it, the file 0600 before SQLite opens
        // it (its -wal and -shm then get the same mode) — see PrivateFiles.
        try PrivateFiles.makeDirectories((path as NSString).deletingLastPathComponent)
        if path != ":memory:", !path.isEmpty, !path.hasPrefix("file:") { try PrivateFiles.createEmpty(path) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // 16 KB pages for a new database (ignored for an existing one): a stored mail is 30-60 KB,
            // and 4 KB pages made ingest ~8% slower in `maildesk-bench ingest` (more WAL frames and
            // writes per message); 64 KB pages were slower still.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint in larger steps while ingesting (the poller checkpoints FULL after each
            // batch anyway), and give the WAL file back afterwards.
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \((32 << 20) / max(pageSize, 512))")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        writer = try DatabasePool(path: path, configuration: configuration)
        try StoreMigrations.migrator().migrate(writer)
    }

    /// Makes every committed transaction durable (WAL fsync) before the caller touches the server.
    public func fullSync() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(FULL)")
        }
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }
}

/// Dates in the database and in JSON are UTC; this is the one place that formats them.
public enum Timestamps {
    public static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
