import Foundation
import GRDB
import HelpdeskCore
import Logging
import MaildeskServices
import MaildeskStore
import Testing

/// `[outbox] directory`: file names stay within NAME_MAX (255 bytes) whatever the recipient, and a local
/// error that retrying cannot fix fails the row instead of deferring it forever (as Postfix local(8)).
@Suite struct DirectorySinkTests {
    func row(id: Int64, recipient: String) -> OutboxRecord {
        var row = OutboxRecord(ticketId: nil, entryId: nil, kind: "acknowledgement", messageId: "x@maildesk.test",
                               envelopeFrom: "support@maildesk.test", recipient: recipient,
                               data: Data("Subject: hi\r\n\r\nbody\r\n".utf8), now: Date())
        row.id = id
        return row
    }

    func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func shortRecipientKeepsItsReadableName() async throws {
        let directory = try TestSupport.temporaryDirectory() + "/outbox"
        try await DirectorySink(directory: directory).deliver(row(id: 7, recipient: "ana@customer.test"))
        #expect(try names(directory) == ["000007-ana@customer.test.eml"])
    }

    @Test(arguments: [String(repeating: "x", count: 300), String(repeating: "ü", count: 200), String(repeating: "😀", count: 100)])
    func longLocalPartGetsABoundedUniqueName(_ local: String) async throws {
        let directory = try TestSupport.temporaryDirectory() + "/outbox"
        let sink = DirectorySink(directory: directory)
        try await sink.deliver(row(id: 42, recipient: local + "@customer.test"))
        try await sink.deliver(row(id: 42, recipient: local + "@other.test"))
        let written = try names(directory)
        #expect(written.count == 2, "\(written)")  // the same prefix, told apart by the hash
        for name in written {
            #expect(name.utf8.count <= 255, "\(name.utf8.count) bytes")
            #expect(name.hasPrefix("000042-") && name.hasSuffix(".eml"), "\(name)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)) == row(id: 42, recipient: "").data)
        }
    }

    /// The outbox "directory" is a regular file: ENOTDIR can never heal by itself, so the row fails with the
    /// reason (and is not deferred); the sink says which path.
    @Test func permanentLocalErrorFailsTheRow() async throws {
        let state = try TestSupport.temporaryDirectory()
        let directory = state + "/outbox"
        try Data("a file".utf8).write(to: URL(fileURLWithPath: directory))
        let sink = DirectorySink(directory: directory)
        do {
            try await sink.deliver(row(id: 1, recipient: "ana@customer.test"))
            Issue.record("delivery into a file succeeded")
        } catch {
            #expect(!error.temporary, "\(error)")
            #expect(error.description.contains(directory), "\(error)")
            #expect(error.description.contains("Not a directory"), "\(error)")
        }
        let database = try MaildeskDatabase(path: state + "/db.sqlite")
        try database.write { db in
            var queued = row(id: 1, recipient: "ana@customer.test")
            queued.id = nil
            _ = try OutboxQueue.enqueue(db, queued)
        }
        let sender = OutboxSender(database: database, sink: sink, policy: RetryPolicy(baseSeconds: 60), logger: Logger(label: "test"))
        let report = try await sender.flush()
        #expect(report.failed == 1 && report.deferred == 0, "\(report)")
        let stored = try database.read { try OutboxRecord.fetchOne($0, sql: "SELECT * FROM outbox") }
        #expect(stored?.status == "failed")
        #expect(stored?.lastError?.contains("Not a directory") == true, "\(stored?.lastError ?? "-")")
    }

    @Test func diskFullStaysTemporary() {
        #expect(DirectorySink.isTemporary(errno: ENOSPC))
        #expect(DirectorySink.isTemporary(errno: EDQUOT))
        #expect(DirectorySink.isTemporary(errno: EAGAIN))
        #expect(!DirectorySink.isTemporary(errno: ENAMETOOLONG))
        #expect(!DirectorySink.isTemporary(errno: EACCES))
        #expect(!DirectorySink.isTemporary(errno: EINVAL))
    }
}
