import Foundation
import GRDB
import MaildeskServices
import Testing

/// `maildesk run` as systemd starts it, and two processors side by side.
@Suite(.serialized) struct DaemonIntegrationTests {
    @Test func runDeliversAcknowledgementAndStopsOnSIGTERM() async throws {
        let h = try PipelineHarness()
        let config = try CLIIntegrationTests().writeConfig(h, extra: "poll_interval = \"500ms\"\n")
        try h.sendFromCustomer(h.customerMail(subject: "Daemon", messageID: "daemon-\(UUID())@customer.test"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIIntegrationTests.binary)
        process.arguments = ["run", "--config", config]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let ack = try h.waitForMail(h.customer, count: 1, timeout: 30)
        #expect(ack.count == 1)
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func twoProcessorsSideBySideDoNotDoubleProcess() async throws {
        let h = try PipelineHarness()
        for n in 1...5 { try h.appendToSupport(h.customerMail(subject: "Side \(n)", messageID: "side-\(n)-\(UUID())@customer.test")) }
        let first = try h.app(), second = try h.app()
        async let a = first.pollOnce(send: true)
        async let b = second.pollOnce(send: true)
        let (ra, rb) = try await (a, b)
        #expect(ra.poll.newTickets + rb.poll.newTickets == 5)
        #expect((ra.sent?.sent ?? 0) + (rb.sent?.sent ?? 0) == 5)
        let tickets = try await first.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }
        #expect(tickets == 5)
        _ = try h.waitForMail(h.customer, count: 5)
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(h.customer) == 5)
    }

    @Test func parseJSONHasEveryInterfaceKey() throws {
        let fixture = TestFixtures.mail("nested-multipart.eml")
        let result = try CLIIntegrationTests().run(["parse", fixture, "--json", "--tree"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["subject", "from", "to", "cc", "date", "date_raw", "message_id", "in_reply_to", "references", "text",
                    "html", "reply_text", "mail_class", "attachments", "defects", "parts"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        let missing = try CLIIntegrationTests().run(["parse", "/nonexistent.eml"])
        #expect(missing.status == 65)
        #expect(missing.stderr.hasPrefix("maildesk: "))
    }
}

enum TestFixtures {
    static func mail(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/mail/\(name)").path
    }
}
