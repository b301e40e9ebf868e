import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `doctor`'s checks of what maildesk keeps on disk: the modes of the files it creates (0600, see
/// `PrivateFiles`) and the Maildir entries a poll refuses.
/// - SeeAlso: docs/admin-guide.md (file modes, Maildir symlinks), chmod(1)
extension DoctorFileChecks {
    /// Outbox files named one by one before the rest are summed up.
    static let outboxFilesNamed = 5

    /// One FAIL line per file wider than 0600 — the database with its `-wal`/`-shm`, the lock files,
    /// and the `.eml` files of `[outbox] directory` (the first few by name, then a count) — or one ok
    /// line. Files that do not exist are not checked; symbolic links are not followed.
    public static func fileModes(database: String, outboxDirectory: String?) -> [DoctorCheck] {
        var checked = 0
        var failing: [DoctorCheck] = []
        for path in ["", "-wal", "-shm", ".ingest.lock", ".send.lock"].map({ database + $0 }) {
            guard let mode = regularFileMode(path) else { continue }
            checked += 1
            if mode & 0o177 != 0 { failing.append(wide(path, mode)) }
        }
        var outboxFiles = 0
        var wideOutbox: [(String, mode_t)] = []
        if let outboxDirectory {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: outboxDirectory)) ?? []).sorted() {
                let path = (outboxDirectory as NSString).appendingPathComponent(name)
                guard let mode = regularFileMode(path) else { continue }
                outboxFiles += 1
                if mode & 0o177 != 0 { wideOutbox.append((path, mode)) }
            }
        }
        failing += wideOutbox.prefix(outboxFilesNamed).map { wide($0.0, $0.1) }
        if wideOutbox.count > outboxFilesNamed, let outboxDirectory {
            failing.append(DoctorCheck("file modes", ok: false, "\(wideOutbox.count - outboxFilesNamed) more files in "
                + "\(outboxDirectory) are wider than 0600; run chmod 600 \(outboxDirectory)/*"))
        }
        if !failing.isEmpty { return failing }
        return [DoctorCheck("file modes", ok: true, "\(checked) database and lock files and \(outboxFiles) outbox files are 0600 or stricter")]
    }

    /// The permission bits of a regular file at `path` (lstat(2)), nil for anything else or nothing.
    static func regularFileMode(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return info.st_mode & 0o7777
    }

    static func wide(_ path: String, _ mode: mode_t) -> DoctorCheck {
        DoctorCheck("file modes", ok: false, "\(path) has mode 0\(String(mode, radix: 8)), wider than 0600 "
            + "(it holds mail or state); run chmod 600 \(path)")
    }

    /// The Maildir has readable `cur/` and `new/`, and no entry there that a poll refuses (symbolic
    /// links, directories, FIFOs, devices: see `MaildirSource`).
    public static func maildir(_ path: String) -> DoctorCheck {
        let manager = FileManager.default
        let missing = ["cur", "new"].filter { !manager.isReadableFile(atPath: path + "/" + $0) }
        guard missing.isEmpty else { return DoctorCheck("maildir", ok: false, "\(path) lacks readable \(missing.joined(separator: ", "))") }
        do {
            let refused = try MaildirSource.refusedEntries(path)
            guard refused.isEmpty else {
                return DoctorCheck("maildir", ok: false, "\(path): " + MaildirSource.describe(refused, one: "entry", many: "entries")
                    + " (not regular files: never ingested; remove them, or deliver the mail as a file)")
            }
            return DoctorCheck("maildir", ok: true, "\(path) readable")
        } catch {
            return DoctorCheck("maildir", ok: false, "\(error)")
        }
    }
}
