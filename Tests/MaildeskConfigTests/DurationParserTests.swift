import Testing
@testable import MaildeskConfig

@Suite("Durations")
struct DurationParserTests {
    @Test(arguments: [
        ("30s", 30.0), ("5m", 300), ("1h", 3_600), ("250ms", 0.25), ("45", 45), ("1h30m", 5_400),
        ("1.5s", 1.5), (" 2M ", 120), ("1d", 86_400),
    ])
    func parses(text: String, seconds: Double) {
        #expect(DurationParser.seconds(text) == seconds)
    }

    @Test(arguments: ["", "s", "30x", "5 m", "-5s", "ms30", "1h-", "soon"])
    func rejects(text: String) {
        #expect(DurationParser.seconds(text) == nil)
    }

    @Test(arguments: [("poll_interval = 90", 90.0), ("poll_interval = \"250ms\"", 0.25), ("", 30)])
    func pollIntervalInConfig(line: String, seconds: Double) throws {
        let config = try ConfigLoader.parse(imapConfig(imapLine: line), path: "/etc/m.toml",
                                            environment: ["MAILDESK_IMAP_PASSWORD": "x"])
        guard case .imap(let boxes) = config.source else {
            Issue.record("expected imap")
            return
        }
        #expect(boxes.first?.pollInterval == seconds)
    }
}
