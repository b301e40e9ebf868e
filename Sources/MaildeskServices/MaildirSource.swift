import Foundation
import GRDB
import MaildeskStore
#if canImport(Glibc)
import Glibc
#endif

/// A Maildir read without modifying it: every file in `cur/` and `new/` is ingested once, in the
/// order of its unique name (delivery time first); progress lives in the database.
///
/// Only regular files are mail. An entry that is a symbolic link (it could point at /etc/hostname or
/// another user's mail), a directory, a FIFO or a device is refused: never opened, ingested or
/// quarantined, left where it is, and reported — one warning per poll naming every refused entry, and
/// a FAIL line in `maildesk doctor`. Files are opened with O_NOFOLLOW | O_NONBLOCK, so a link swapped
/// in after the listing is refused too, and a FIFO cannot block the poll.
/// - SeeAlso: https://cr.yp.to/proto/maildir.html (file names `time.unique.host[:2,flags]`), open(2),
///   docs/admin-guide.md (Maildir symlinks)
public struct MaildirSource: MailSource {
    public let path: String
    public let ingest: IngestService
    public var name: String { "maildir:" + path }

    public init(path: String, ingest: IngestService) {
        self.path = path
        self.ingest = ingest
    }

    public func pollOnce(shouldStop: @escaping @Sendable () -> Bool) async throws -> PollReport {
        var report = PollReport()
        let source = name
        let done = try await ingest.database.writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT source_key FROM ingest_record WHERE source = ? AND source_key IS NOT NULL",
                                    arguments: [source]))
        }
        let scanned = try Self.scan(path)
        let pending = scanned.files.filter { !done.contains($0.key) }
        var refused = scanned.refused
        var start = 0
        while start < pending.count, !shouldStop() {
            // Groups of files share one transaction (a savepoint each), as on IMAP.
            var items: [(origin: MessageOrigin, raw: [UInt8])] = []
            var bytes = 0
            while start < pending.count, items.count < 64, bytes < 32 << 20 {
                let file = pending[start]
                start += 1
                switch Self.readMessage(file.path) {
                case let .message(raw):
                    bytes += raw.count
                    items.append((MessageOrigin(source: source, sourceKey: file.key), raw))
                case .vanished:
                    continue  // another reader moved it: simply not there any more
                case let .refused(why):
                    refused.append(Refused(entry: file.entry, why: why))
                }
            }
            for result in try await ingest.ingestGroup(items) { report.add(result) }
        }
        if !refused.isEmpty {
            ingest.logger.warning("\(Self.describe(refused, one: "Maildir entry", many: "Maildir entries")) (in \(path); not ingested, left in place)",
                                  metadata: ["ingest.source": "\(source)", "maildir.refused": "\(refused.count)"])
        }
        return report
    }

    struct MaildirFile { var key: String; var entry: String; var path: String }

    /// A Maildir entry that is not mail: `entry` is `new/NAME` or `cur/NAME`, `why` what it is.
    public struct Refused: Sendable, Equatable {
        public var entry: String
        public var why: String
    }

    /// The regular files of `new/` and `cur/` sorted by unique name, and the entries refused (lstat(2),
    /// links are not followed). Names starting with a dot are skipped, as by every Maildir reader.
    static func scan(_ path: String) throws -> (files: [MaildirFile], refused: [Refused]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IngestFailure("Maildir \(path) does not exist or is not a directory")
        }
        var files: [MaildirFile] = [], refused: [Refused] = []
        for sub in ["new", "cur"] {
            let dir = (path as NSString).appendingPathComponent(sub)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = (dir as NSString).appendingPathComponent(name)
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }  // vanished since the listing
                guard info.st_mode & S_IFMT == S_IFREG else {
                    refused.append(Refused(entry: sub + "/" + name, why: kind(info.st_mode)))
                    continue
                }
                let key = String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name))
                files.append(MaildirFile(key: key, entry: sub + "/" + name, path: full))
            }
        }
        return (files.sorted { $0.key < $1.key }, refused)
    }

    /// The entries of the Maildir at `path` that a poll refuses (for `maildesk doctor`).
    public static func refusedEntries(_ path: String) throws -> [Refused] { try scan(path).refused }

    enum Read { case message([UInt8]), vanished, refused(String) }

    /// The bytes of one Maildir file, opened without following a symlink or blocking on a FIFO.
    static func readMessage(_ path: String) -> Read {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return .vanished }
            return .refused(code == ELOOP ? "symbolic link" : "unreadable: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .refused("unreadable: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { return .refused(kind(info.st_mode)) }
        var raw = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == raw.count { raw += [UInt8](repeating: 0, count: raw.count) }  // it grew
            let got = raw[count...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return .refused("unreadable: \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            count += got
        }
        return .message(Array(raw[..<count]))
    }

    /// What a non-regular file is, in words.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: "symbolic link"
        case S_IFDIR: "directory"
        case S_IFIFO: "FIFO"
        case S_IFSOCK: "socket"
        case S_IFCHR, S_IFBLK: "device"
        default: "not a regular file"
        }
    }

    /// `4 <many> refused: new/a (symbolic link), …` with at most 20 names, then `and N more`.
    public static func describe(_ refused: [Refused], one: String, many: String) -> String {
        let named = refused.prefix(20).map { "\($0.entry) (\($0.why))" }.joined(separator: ", ")
        let more = refused.count > 20 ? ", and \(refused.count - 20) more" : ""
        return "\(refused.count) \(refused.count == 1 ? one : many) refused: \(named)\(more)"
    }
}
