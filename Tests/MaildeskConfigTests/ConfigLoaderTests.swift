import Foundation
import Testing
@testable import MaildeskConfig

@Suite("ConfigLoader: valid files")
struct ConfigLoaderTests {
    static let full = """
        # maildesk configuration
        [database]
        path = "/var/lib/maildesk/maildesk.sqlite"

        [imap]
        url = "imaps://imap.example.com/INBOX"
        username = "support@example.com"
        password_file = "imap-password"
        ca_file = "/etc/ssl/certs/example-ca.pem"
        allow_insecure = false
        poll_interval = "45s"
        processed_folder = "Processed"

        [smtp]
        url = "smtps://smtp.example.com:465"
        username = "support@example.com"
        password_file = "secrets/smtp-password"
        allow_insecure = true
        helo_name = "mx1.example.com"

        [helpdesk]
        address = "support@example.com"
        name = "Example Support"
        subject_tag = "T"
        secret_file = "/var/lib/maildesk/secret"
        admin = "admin@example.com"
        closed_reply = "new"
        trusted_authserv_id = "mx.example.com"
        templates = "templates"

        [[helpdesk.agents]]
        id = "alice"
        address = "alice@example.com"
        name = "Alice"
        team = "billing"

        [[helpdesk.agents]]
        id = "bob"
        address = "bob@example.com"

        [limits]
        auto_replies_per_address_per_day = 5
        max_message_bytes = 1000000
        outbox_max_attempts = 3

        [kb]
        directory = "kb"
        threshold = 0.65

        [retention]
        raw_mail_days = 365

        [metrics]
        textfile = "/var/lib/prometheus/node-exporter/maildesk.prom"

        """

    @Test func fullConfigLoadsEveryField() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        try fixture.write("imap-password", "imap-secret\n")
        try fixture.write("secrets/smtp-password", "smtp-secret\r\n")
        let path = try fixture.write("maildesk.toml", Self.full)
        let config = try ConfigLoader.load(path: path, environment: [:])
        let dir = fixture.directory

        #expect(config.configPath == path)
        #expect(config.database.path == "/var/lib/maildesk/maildesk.sqlite")
        guard case .imap(let boxes) = config.source, let imap = boxes.first else {
            Issue.record("expected an IMAP source")
            return
        }
        #expect(boxes.count == 1)
        #expect(imap.name == "imap")
        #expect(imap.url == "imaps://imap.example.com/INBOX")
        #expect(imap.username == "support@example.com")
        #expect(imap.password == "imap-secret")
        #expect(imap.caFile == "/etc/ssl/certs/example-ca.pem")
        #expect(imap.allowInsecure == false)
        #expect(imap.pollInterval == 45)
        #expect(imap.processedFolder == "Processed")
        guard case .smtp(let smtp) = config.sink else {
            Issue.record("expected an SMTP sink")
            return
        }
        #expect(smtp.url == "smtps://smtp.example.com:465")
        #expect(smtp.username == "support@example.com")
        #expect(smtp.password == "smtp-secret")
        #expect(smtp.caFile == nil)
        #expect(smtp.allowInsecure == true)
        #expect(smtp.heloName == "mx1.example.com")

        let helpdesk = config.helpdesk
        #expect(helpdesk.address == "support@example.com")
        #expect(helpdesk.name == "Example Support")
        #expect(helpdesk.subjectTag == "T")
        #expect(helpdesk.secretFile == "/var/lib/maildesk/secret")
        #expect(helpdesk.admin == "admin@example.com")
        #expect(helpdesk.closedReply == .new)
        #expect(helpdesk.trustedAuthservID == "mx.example.com")
        #expect(helpdesk.templates == "\(dir)/templates")
        #expect(helpdesk.agents.map(\.id) == ["alice", "bob"])
        #expect(helpdesk.agents[0].team == "billing")
        #expect(helpdesk.agents[0].name == "Alice")
        #expect(helpdesk.agents[1].name == "bob")
        #expect(helpdesk.agents[1].team == nil)

        #expect(config.limits.autoRepliesPerAddressPerDay == 5)
        #expect(config.limits.maxMessageBytes == 1_000_000)
        #expect(config.limits.outboxMaxAttempts == 3)
        #expect(config.kb.directory == "\(dir)/kb")
        #expect(config.kb.threshold == 0.65)
        #expect(config.retention.rawMailDays == 365)
        #expect(config.metrics.textfile == "/var/lib/prometheus/node-exporter/maildesk.prom")
    }

    @Test func minimalConfigGetsDefaults() throws {
        let config = try ConfigLoader.parse(ConfigFixture.minimal, path: "/srv/md/maildesk.toml", environment: [:])
        #expect(config.database.path == "/srv/md/db/maildesk.sqlite")
        guard case .maildir(let maildir) = config.source, case .outbox(let outbox) = config.sink else {
            Issue.record("expected maildir source and outbox sink")
            return
        }
        #expect(maildir.path == "/srv/md/Maildir")
        #expect(outbox.directory == "/srv/md/outbox")
        #expect(config.helpdesk.name == "Support")
        #expect(config.helpdesk.subjectTag == "#")
        #expect(config.helpdesk.secretFile == "/srv/md/db/secret")
        #expect(config.helpdesk.closedReply == .reopen)
        #expect(config.helpdesk.admin == nil)
        #expect(config.helpdesk.agents.isEmpty)
        #expect(config.limits.autoRepliesPerAddressPerDay == 40)
        #expect(config.limits.maxMessageBytes == 52_428_800)
        #expect(config.limits.outboxMaxAttempts == 12)
        #expect(config.kb.directory == nil)
        #expect(config.kb.threshold == 0.95)
        #expect(config.retention.rawMailDays == nil)
        #expect(config.metrics.textfile == nil)
    }

    @Test(arguments: [
        ("database.path", "../data/x.sqlite", "/srv/data/x.sqlite"),
        ("database.path", "/abs/db.sqlite", "/abs/db.sqlite"),
        ("maildir.path", "./mail/../Maildir", "/srv/md/Maildir"),
        ("outbox.directory", "out", "/srv/md/out"),
        ("helpdesk.secret_file", "keys/secret", "/srv/md/keys/secret"),
        ("helpdesk.templates", "tpl", "/srv/md/tpl"),
        ("kb.directory", "kb", "/srv/md/kb"),
        ("metrics.textfile", "m.prom", "/srv/md/m.prom"),
    ])
    func relativePathsResolveAgainstConfigDirectory(key: String, value: String, expected: String) throws {
        let text: String = switch key {
        case "database.path": ConfigFixture.minimal(database: value)
        case "maildir.path": ConfigFixture.minimal(maildir: value)
        case "outbox.directory": ConfigFixture.minimal(outbox: value)
        case "helpdesk.secret_file": ConfigFixture.minimal(helpdesk: "secret_file = \"\(value)\"")
        case "helpdesk.templates": ConfigFixture.minimal(helpdesk: "templates = \"\(value)\"")
        case "kb.directory": ConfigFixture.minimal(extra: "[kb]\ndirectory = \"\(value)\"")
        default: ConfigFixture.minimal(extra: "[metrics]\ntextfile = \"\(value)\"")
        }
        let config = try ConfigLoader.parse(text, path: "/srv/md/maildesk.toml", environment: [:])
        let actual: String? = switch key {
        case "database.path": config.database.path
        case "maildir.path": if case .maildir(let m) = config.source { m.path } else { nil }
        case "outbox.directory": if case .outbox(let o) = config.sink { o.directory } else { nil }
        case "helpdesk.secret_file": config.helpdesk.secretFile
        case "helpdesk.templates": config.helpdesk.templates
        case "kb.directory": config.kb.directory
        default: config.metrics.textfile
        }
        #expect(actual == expected)
    }

    @Test func relativeConfigPathResolvesAgainstWorkingDirectory() throws {
        let config = try ConfigLoader.parse(ConfigFixture.minimal, path: "conf/maildesk.toml", environment: [:])
        let cwd = FileManager.default.currentDirectoryPath
        #expect(config.database.path == URL(fileURLWithPath: "\(cwd)/conf/db/maildesk.sqlite").standardizedFileURL.path)
        #expect(config.configPath == "conf/maildesk.toml")
    }

    @Test func crlfLineEndingsAndInlineAgentsAreAccepted() throws {
        let text = ConfigFixture.minimal(helpdesk: "agents = [{ id = \"a\", address = \"a@example.com\" }]")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let config = try ConfigLoader.parse(text, path: "/x/m.toml", environment: [:])
        #expect(config.helpdesk.agents.map(\.address) == ["a@example.com"])
    }
}
