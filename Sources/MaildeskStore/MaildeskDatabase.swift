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

    /// Opens (creating if needed) and migrates the database at `path`; a failure is an ``OpenError``
    /// naming the path and why.
    public convenience init(path: String) throws {
        do {
            try self.init(opening: path)
        } catch {
            throw OpenError(path: path, underlying: error)
        }
    }

    private init(opening path: String) throws {
        self.path = path
        // Private whatever the umask: the directory 0700 if we create it, the file 0600 before SQLite opens
        // it (its -wal and -shm then get the same mode) — see PrivateFiles.
        try PrivateFiles.makeDirectories((path as NSString).deletingLastPathComponent)
        if path != ":memory:", !path.isEmpty, !path.hasPrefix("file:") { try PrivateFiles.createEmpty(path) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Wait up to 10 s for another writer, then fail with SQLITE_BUSY: `ingest` then exits 75 and the
        // MTA retries (Postfix waits ~20 s for a mailbox lock: deliver_lock_attempts × deliver_lock_delay).
        configuration.busyMode = .timeout(10)
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

    /// SQLite's `PRAGMA quick_check`: "ok", or the problems it found joined by "; " (`doctor`).
    public func quickCheck() throws -> String {
        try read { try String.fetchAll($0, sql: "PRAGMA quick_check").joined(separator: "; ") }
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.write(body)
    }
}

extension MaildeskDatabase {
    /// `cannot open database PATH: REASON`: the OS reason (strerror(3)) when the file or its folder is
    /// the problem — missing, not a directory, a directory, not readable or writable (SQLite also writes
    /// `-wal` and `-shm` files beside it, https://sqlite.org/wal.html) — else SQLite's own message, e.g.
    /// "file is not a database" (https://sqlite.org/rescode.html).
    public struct OpenError: Error, CustomStringConvertible {
        public var path: String
        public var underlying: any Error
        public var description: String { "cannot open database \(path): \(reason)" }

        /// Another process held the database (SQLITE_BUSY, SQLITE_LOCKED): worth retrying.
        public var isTemporary: Bool {
            guard let error = underlying as? DatabaseError else { return false }
            return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        }

        public var reason: String {
            if let os = Self.osReason(path) { return os }
            if let error = underlying as? DatabaseError { return error.message ?? "\(error.resultCode)" }
            return "\(underlying)"
        }

        static func osReason(_ path: String) -> String? {
            func text(_ code: Int32) -> String { String(cString: strerror(code)) }
            var info = stat()
            if stat(path, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR { return text(EISDIR) }
                if access(path, R_OK | W_OK) != 0 { return text(errno) }
            } else if errno != ENOENT {
                return text(errno)  // ENOTDIR, EACCES, ELOOP, …
            }
            // The nearest existing folder must be one we can create files in.
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folder != "/", stat(folder, &info) != 0, errno == ENOENT {
                folder = (folder as NSString).deletingLastPathComponent
            }
            if folder.isEmpty { folder = "." }
            if stat(folder, &info) != 0 { return text(errno) }
            if info.st_mode & S_IFMT != S_IFDIR { return text(ENOTDIR) }
            if access(folder, W_OK | X_OK) != 0 { return text(errno) }
            return nil
        }
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
