import Foundation
@testable import MaildeskConfig
import Testing

/// Which keys a SIGHUP applies and which wait for a restart (`ConfigChanges`).
struct ConfigChangesTests {
    func load(_ text: String, environment: [String: String] = [:]) throws -> MaildeskConfiguration {
        try ConfigLoader.parse(text, path: "/etc/maildesk/maildesk.toml", environment: environment)
    }

    @Test func identicalFilesHaveNoChanges() throws {
        let a = try load(ConfigFixture.minimal), b = try load(ConfigFixture.minimal)
        #expect(ConfigChanges.between(a, b).isEmpty)
    }

    @Test func liveKeysAreListedAndApplied() throws {
        let running = try load(ConfigFixture.minimal(helpdesk: "name = \"Old\""))
        let loaded = try load(ConfigFixture.minimal(
            helpdesk: """
                name = "New Desk"
                same_subject_days = 3
                closed_reply = "new"
                subject_tag = "T"
                [[helpdesk.agents]]
                id = "alice"
                address = "alice@example.com"
                """,
            extra: "[limits]\nmax_message_bytes = 1000\nauto_replies_per_address = [\"5/1h\"]\n[kb]\nthreshold = 0.5\n[metrics]\ntextfile = \"m.prom\"\n"))
        let changes = ConfigChanges.between(running, loaded)
        #expect(changes.live == ["[helpdesk] name", "[helpdesk] subject_tag", "[helpdesk] closed_reply",
                                 "[helpdesk] same_subject_days", "[[helpdesk.agents]]", "[limits] max_message_bytes",
                                 "[limits] auto_replies_per_address", "[kb] threshold", "[metrics] textfile"])
        #expect(changes.needRestart.isEmpty)
        let merged = ConfigChanges.applying(loaded, to: running)
        #expect(merged.helpdesk.name == "New Desk")
        #expect(merged.helpdesk.sameSubjectDays == 3)
        #expect(merged.helpdesk.agents.map(\.id) == ["alice"])
        #expect(merged.limits.maxMessageBytes == 1000)
        #expect(merged.limits.autoRepliesPerAddress == [RateLimitTier(max: 5, seconds: 3600)])
        #expect(merged.kb.threshold == 0.5)
        #expect(merged.metrics.textfile == "/etc/maildesk/m.prom")
    }

    @Test func restartKeysAreListedButKeepTheirRunningValues() throws {
        let running = try load(ConfigFixture.minimal(helpdesk: "name = \"Old\""))
        let loaded = try load(ConfigFixture.minimal(database: "other.sqlite", outbox: "elsewhere",
                                                    helpdesk: "name = \"New\"\nsecret_file = \"key\""))
        let changes = ConfigChanges.between(running, loaded)
        #expect(changes.live == ["[helpdesk] name"])
        #expect(changes.needRestart == ["[database] path", "[outbox] directory", "[helpdesk] secret_file"])
        let merged = ConfigChanges.applying(loaded, to: running)
        #expect(merged.database.path == running.database.path)
        #expect(merged.helpdesk.secretFile == running.helpdesk.secretFile)
        guard case let .outbox(outbox) = merged.sink else { Issue.record("sink changed kind"); return }
        #expect(outbox.directory == "/etc/maildesk/outbox")
        #expect(merged.helpdesk.name == "New")
    }

    /// IMAP: the poll interval is live; url, password and the rest wait. A changed password is named
    /// by its key only (values are compared, never listed).
    @Test func imapPollIntervalIsLiveAndItsConnectionKeysAreNot() throws {
        func imap(_ url: String, _ interval: String) -> String {
            """
            [database]
            path = "db.sqlite"
            [imap]
            url = "\(url)"
            username = "support@example.com"
            poll_interval = "\(interval)"
            [outbox]
            directory = "outbox"
            [helpdesk]
            address = "support@example.com"
            """
        }
        let running = try load(imap("imaps://mail.example.com/INBOX", "30s"), environment: ["MAILDESK_IMAP_PASSWORD": "one"])
        let loaded = try load(imap("imaps://other.example.com/INBOX", "2s"), environment: ["MAILDESK_IMAP_PASSWORD": "two"])
        let changes = ConfigChanges.between(running, loaded)
        #expect(changes.live == ["[imap] poll_interval"])
        #expect(changes.needRestart == ["[imap] url", "[imap] password_file"])
        #expect(!"\(changes)".contains("two"))
        let merged = ConfigChanges.applying(loaded, to: running)
        guard case let .imap(mailboxes) = merged.source else { Issue.record("source changed kind"); return }
        #expect(mailboxes[0].pollInterval == 2)
        #expect(mailboxes[0].url == "imaps://mail.example.com/INBOX")
        #expect(mailboxes[0].password == "one")
    }

    @Test func switchingTheSourceKindNeedsARestart() throws {
        let running = try load(ConfigFixture.minimal)
        let loaded = try load("""
            [database]
            path = "db/maildesk.sqlite"
            [imap]
            url = "imaps://mail.example.com/INBOX"
            username = "support@example.com"
            [outbox]
            directory = "outbox"
            [helpdesk]
            address = "support@example.com"
            """, environment: ["MAILDESK_IMAP_PASSWORD": "x"])
        let changes = ConfigChanges.between(running, loaded)
        #expect(changes.needRestart.contains("[maildir] path"))
        #expect(changes.needRestart.contains("[imap] url"))
        #expect(changes.live == ["[imap] poll_interval"])
        guard case .maildir = ConfigChanges.applying(loaded, to: running).source else {
            Issue.record("the running Maildir source must stay"); return
        }
    }
}
