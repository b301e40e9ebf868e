import Foundation
import GRDB
import MaildeskStore

/// A Maildir read without modifying it: every file in `cur/` and `new/` is ingested once, in the
/// order of its unique name (delivery time first); progress lives in the database.
/// - SeeAlso: https://cr.yp.to/proto/maildir.html (file names `time.unique.host[:2,flags]`).
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
        let pending = try listFiles().filter { !done.contains($0.key) }
        var start = 0
        while start < pending.count, !shouldStop() {
            // Groups of files share one transaction (a savepoint each), as on IMAP.
            var items: [(origin: MessageOrigin, raw: [UInt8])] = []
            var bytes = 0
            while start < pending.count, items.count < 64, bytes < 32 << 20 {
                let file = pending[start]
                start += 1
                // A file that vanished (another reader moved it) is simply not there any more.
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                bytes += data.count
                items.append((MessageOrigin(source: source, sourceKey: file.key), Array(data)))
            }
            for result in try await ingest.ingestGroup(items) { report.add(result) }
        }
        return report
    }

    struct MaildirFile { var key: String; var path: String }

    func listFiles() throws -> [MaildirFile] {
        var files: [MaildirFile] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IngestFailure("Maildir \(path) does not exist or is not a directory")
        }
        for sub in ["new", "cur"] {
            let dir = (path as NSString).appendingPathComponent(sub)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in names where !name.hasPrefix(".") {
                let key = String(name.split(separator: ":", maxSplits: 1).first ?? Substring(name))
                files.append(MaildirFile(key: key, path: (dir as NSString).appendingPathComponent(name)))
            }
        }
        return files.sorted { $0.key < $1.key }
    }
}
