import Foundation
import MaildeskServices
import Testing

/// The `[metrics] textfile`: Prometheus text format, counts from the database, atomic replacement.
@Suite struct MetricsWriterTests {
    static let names = ["maildesk_messages_ingested_total", "maildesk_tickets", "maildesk_outbox_depth",
                        "maildesk_outbox_failed_total", "maildesk_poll_duration_seconds", "maildesk_quarantine_size",
                        "maildesk_last_poll_timestamp_seconds"]

    @Test func everyFamilyHasHelpTypeAndSamples() {
        var snapshot = MetricsSnapshot()
        snapshot.ingestedByOutcome = ["entry": 5, "duplicate": 1, "quarantined": 2]
        snapshot.ticketsByStatus = ["open": 3, "pending": 0, "answered": 1, "closed": 4]
        snapshot.outboxDepth = 6
        snapshot.outboxFailed = 1
        snapshot.quarantineSize = 2
        snapshot.pollDurationSeconds = 0.25
        snapshot.lastPollTimestamp = 1_795_000_000
        let text = MetricsWriter.render(snapshot)
        for name in Self.names {
            #expect(text.contains("# HELP \(name) "), "\(name)")
            #expect(text.contains("# TYPE \(name) "), "\(name)")
        }
        #expect(text.contains("# TYPE maildesk_messages_ingested_total counter\nmaildesk_messages_ingested_total 8\n"))
        #expect(text.contains("# TYPE maildesk_tickets gauge\nmaildesk_tickets{status=\"answered\"} 1\n"
            + "maildesk_tickets{status=\"closed\"} 4\nmaildesk_tickets{status=\"open\"} 3\nmaildesk_tickets{status=\"pending\"} 0\n"))
        #expect(text.contains("maildesk_outbox_depth 6\n"))
        #expect(text.contains("maildesk_outbox_failed_total 1\n"))
        #expect(text.contains("maildesk_poll_duration_seconds 0.250000\n"))
        #expect(text.contains("maildesk_quarantine_size 2\n"))
        #expect(text.contains("maildesk_last_poll_timestamp_seconds 1795000000\n"))
        // Every non-comment line is `name[{labels}] value`.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2 && Double(parts[1]) != nil, "\(line)")
        }
    }

    @Test func countsComeFromTheDatabase() async throws {
        let state = try TestSupport.temporaryDirectory()
        let oversized = TestSupport.mail(from: "big@customer.test", subject: "Big", messageID: "big@customer.test",
                                         body: String(repeating: "x", count: 5000))
        let maildir = try TestSupport.makeMaildir(in: state, [
            TestSupport.mail(from: "Ana <ana@customer.test>", subject: "One", messageID: "m1@customer.test"),
            TestSupport.mail(from: "Bo <bo@customer.test>", subject: "Two", messageID: "m2@customer.test"),
            TestSupport.mail(from: "Ana <ana@customer.test>", subject: "One", messageID: "m1@customer.test"),
            oversized,
        ])
        let app = try TestSupport.app(state: state, maildir: maildir, maxMessageBytes: 4000)
        _ = try await app.pollOnce(send: false)
        try await app.database.writer.write { try $0.execute(sql: "UPDATE ticket SET status = 'closed' WHERE id = 2") }
        let end = Date(timeIntervalSince1970: 1_795_000_000.5)
        let snapshot = try await app.database.writer.read { try MetricsSnapshot.read($0, pollDuration: 1.5, lastPoll: end) }
        #expect(snapshot.ingestedByOutcome == ["entry": 2, "duplicate": 1, "quarantined": 1])
        #expect(snapshot.ingestedTotal == 4)
        #expect(snapshot.ticketsByStatus == ["open": 1, "pending": 0, "answered": 0, "closed": 1])
        #expect(snapshot.outboxDepth == 2)
        #expect(snapshot.outboxFailed == 0)
        #expect(snapshot.quarantineSize == 1)
        #expect(snapshot.pollDurationSeconds == 1.5)
        #expect(snapshot.lastPollTimestamp == 1_795_000_000.5)
        _ = try await app.flushOutbox()
        let after = try await app.database.writer.read { try MetricsSnapshot.read($0, pollDuration: 0, lastPoll: end) }
        #expect(after.outboxDepth == 0)
    }

    @Test func replacesTheFileAtomically() throws {
        let state = try TestSupport.temporaryDirectory()
        let path = state + "/maildesk.prom"
        let writer = MetricsWriter(path: path)
        var snapshot = MetricsSnapshot()
        snapshot.outboxDepth = 1
        try writer.write(snapshot)
        // A reader holding the old file keeps reading the old, complete content.
        let old = try #require(FileHandle(forReadingAtPath: path))
        let oldInode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
        snapshot.outboxDepth = 7
        try writer.write(snapshot)
        let newInode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
        #expect(oldInode != nil && oldInode != newInode)
        #expect(String(decoding: old.readDataToEndOfFile(), as: UTF8.self).contains("maildesk_outbox_depth 1\n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("maildesk_outbox_depth 7\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state) == ["maildesk.prom"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func aMissingDirectoryIsAnError() throws {
        let writer = MetricsWriter(path: try TestSupport.temporaryDirectory() + "/missing/maildesk.prom")
        #expect(throws: MetricsWriter.MetricsError.self) { try writer.write(MetricsSnapshot()) }
    }
}
