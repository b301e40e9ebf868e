import Foundation
import GRDB
import MaildeskServices
import Testing

/// SIGTERM while `maildesk run` is ingesting: the current message finishes, the process exits 0, and a
/// later poll picks up exactly the rest — nothing lost, nothing twice.
@Suite(.serialized) struct ShutdownIntegrationTests {
    @Test func sigtermDuringIngestLosesNothing() async throws {
        let h = try PipelineHarness()
        let total = 300
        for n in 0..<total {
            try h.appendToSupport(h.customerMail(subject: "Load \(n)", messageID: "load-\(n)-\(UUID())@customer.test",
                                                 body: String(repeating: "Some words about my order. ", count: 200)))
        }
        let config = try CLIIntegrationTests().writeConfig(h, extra: "poll_interval = \"1h\"\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIIntegrationTests.binary)
        process.arguments = ["run", "--config", config]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // Stop it while it is busy: as soon as the first tickets are in the database.
        let database = h.state + "/db/maildesk.sqlite"
        let deadline = Date().addingTimeInterval(30)
        var seen = 0
        while Date() < deadline, seen == 0 {
            try await Task.sleep(for: .milliseconds(50))
            if FileManager.default.fileExists(atPath: database) {
                seen = (try? await DatabaseQueue(path: database).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") ?? 0 }) ?? 0
            }
        }
        kill(process.processIdentifier, SIGTERM)
        let stop = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stop { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)

        let app = try h.app(try ConfigLoaderShim.load(config))
        _ = try await app.pollOnce(send: false)
        let (tickets, entries, records) = try await app.database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE kind = 'customer'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT uid) FROM ingest_record") ?? 0)
        }
        #expect(tickets == total)
        #expect(entries == total)
        #expect(records == total)
        #expect(try h.messageCount(h.support) == 0)
    }
}
