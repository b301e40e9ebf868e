import Testing
@testable import MaildeskConfig

/// One bad config and what its error must say.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let key: String?
    let line: Int?
    let fragment: String
    var testDescription: String { name }
}

/// `[imap]` + `[outbox]` config; `url` and the extra `[imap]` line (line 6) are swappable.
func imapConfig(url: String = "imaps://imap.example.com/INBOX", imapLine: String = "") -> String {
    """
    [database]
    path = "/var/lib/maildesk/m.sqlite"
    [imap]
    url = "\(url)"
    username = "support@example.com"
    \(imapLine)
    [outbox]
    directory = "/var/spool/maildesk"
    [helpdesk]
    address = "support@example.com"

    """
}

/// `[maildir]` + `[smtp]` config; the extra `[smtp]` line is line 6.
func smtpConfig(url: String = "smtps://smtp.example.com", smtpLine: String = "") -> String {
    """
    [database]
    path = "/var/lib/maildesk/m.sqlite"
    [smtp]
    url = "\(url)"
    username = "support@example.com"
    \(smtpLine)
    [maildir]
    path = "/srv/Maildir"
    [helpdesk]
    address = "support@example.com"

    """
}

@Suite("ConfigLoader: errors name key and line")
struct ConfigErrorTests {
    static let env = ["MAILDESK_IMAP_PASSWORD": "p", "MAILDESK_SMTP_PASSWORD": "p"]
    static let agents = """
        [[helpdesk.agents]]
        id = "alice"
        address = "alice@example.com"
        [[helpdesk.agents]]
        id = "bob"
        address = "bob@example.com"
        [[helpdesk.agents]]
        id = "alice"
        address = "alice2@example.com"
        """

    static let cases: [ErrorCase] = [
        // Unknown keys and tables.
        ErrorCase(name: "unknown imap key", text: imapConfig(imapLine: "passwrd = \"x\""),
                  key: "imap.passwrd", line: 6, fragment: "unknown key [imap] passwrd"),
        ErrorCase(name: "unknown helpdesk key", text: ConfigFixture.minimal(helpdesk: "adress = \"x\""),
                  key: "helpdesk.adress", line: 12, fragment: "unknown key [helpdesk] adress"),
        ErrorCase(name: "unknown table", text: ConfigFixture.minimal(extra: "[foo]\nbar = 1"),
                  key: "foo", line: 13, fragment: "unknown table [foo]"),
        ErrorCase(name: "unknown top-level key", text: "stray = 1\n" + ConfigFixture.minimal,
                  key: "stray", line: 1, fragment: "unknown key stray"),
        ErrorCase(name: "unknown key in second agent",
                  text: ConfigFixture.minimal(extra: "[[helpdesk.agents]]\nid = \"a\"\naddress = \"a@x.org\"\n"
                      + "[[helpdesk.agents]]\nid = \"b\"\naddress = \"b@x.org\"\nteem = \"x\""),
                  key: "helpdesk.agents.teem", line: 19, fragment: "unknown key [[helpdesk.agents]] teem"),
        ErrorCase(name: "unknown key in limits", text: ConfigFixture.minimal(extra: "[limits]\nmax_bytes = 1"),
                  key: "limits.max_bytes", line: 14, fragment: "unknown key [limits] max_bytes"),
        ErrorCase(name: "section is not a table", text: "imap = \"x\"\n" + ConfigFixture.minimal,
                  key: "imap", line: 1, fragment: "imap: expected a table"),
        // Wrong types and values.
        ErrorCase(name: "bool as string", text: imapConfig(imapLine: "allow_insecure = \"no\""),
                  key: "imap.allow_insecure", line: 6, fragment: "[imap] allow_insecure: expected true or false"),
        ErrorCase(name: "string as integer", text: imapConfig(imapLine: "processed_folder = 3"),
                  key: "imap.processed_folder", line: 6, fragment: "[imap] processed_folder: expected a string"),
        ErrorCase(name: "bad duration", text: imapConfig(imapLine: "poll_interval = \"soon\""),
                  key: "imap.poll_interval", line: 6, fragment: "[imap] poll_interval: expected a duration"),
        ErrorCase(name: "zero duration", text: imapConfig(imapLine: "poll_interval = 0"),
                  key: "imap.poll_interval", line: 6, fragment: "must be greater than zero"),
        ErrorCase(name: "integer as string", text: ConfigFixture.minimal(extra: "[limits]\nmax_message_bytes = \"big\""),
                  key: "limits.max_message_bytes", line: 14, fragment: "[limits] max_message_bytes: expected an integer"),
        ErrorCase(name: "negative integer", text: ConfigFixture.minimal(extra: "[limits]\noutbox_max_attempts = 0"),
                  key: "limits.outbox_max_attempts", line: 14, fragment: "must be at least 1"),
        ErrorCase(name: "retention days zero", text: ConfigFixture.minimal(extra: "[retention]\nraw_mail_days = 30\ntext_days = 0"),
                  key: "retention.text_days", line: 15, fragment: "must be at least 1"),
        ErrorCase(name: "unknown retention key", text: ConfigFixture.minimal(extra: "[retention]\nmail_days = 3"),
                  key: "retention.mail_days", line: 14, fragment: "unknown key [retention] mail_days"),
        ErrorCase(name: "threshold out of range", text: ConfigFixture.minimal(extra: "[kb]\nthreshold = 2"),
                  key: "kb.threshold", line: 14, fragment: "[kb] threshold: must be between 0.0 and 1.0"),
        ErrorCase(name: "retention as string", text: ConfigFixture.minimal(extra: "[retention]\nraw_mail_days = \"1y\""),
                  key: "retention.raw_mail_days", line: 14, fragment: "expected an integer"),
        ErrorCase(name: "closed_reply value", text: ConfigFixture.minimal(helpdesk: "closed_reply = \"maybe\""),
                  key: "helpdesk.closed_reply", line: 12, fragment: "expected \"reopen\" or \"new\""),
        ErrorCase(name: "bad admin address", text: ConfigFixture.minimal(helpdesk: "admin = \"a@@b\""),
                  key: "helpdesk.admin", line: 12, fragment: "[helpdesk] admin: \"a@@b\" is not a mail address"),
        ErrorCase(name: "subject tag with space", text: ConfigFixture.minimal(helpdesk: "subject_tag = \"T #\""),
                  key: "helpdesk.subject_tag", line: 12, fragment: "must not contain spaces"),
        ErrorCase(name: "empty string", text: ConfigFixture.minimal(helpdesk: "name = \"\""),
                  key: "helpdesk.name", line: 12, fragment: "[helpdesk] name: must not be empty"),
        ErrorCase(name: "agents not an array of tables", text: ConfigFixture.minimal(helpdesk: "agents = \"alice\""),
                  key: "helpdesk.agents", line: 12, fragment: "expected an array of tables"),
        // URLs.
        ErrorCase(name: "imap url scheme", text: imapConfig(url: "https://imap.example.com/INBOX"),
                  key: "imap.url", line: 4, fragment: "[imap] url: expected a imaps:// or imap:// URL"),
        ErrorCase(name: "imap url without host", text: imapConfig(url: "imaps:///INBOX"),
                  key: "imap.url", line: 4, fragment: "has no host"),
        ErrorCase(name: "smtp url scheme", text: smtpConfig(url: "imaps://smtp.example.com"),
                  key: "smtp.url", line: 4, fragment: "[smtp] url: expected a smtps:// or smtp:// URL"),
        // Inline secrets.
        ErrorCase(name: "inline imap password", text: imapConfig(imapLine: "password = \"hunter2\""),
                  key: "imap.password", line: 6, fragment: "password_file"),
        ErrorCase(name: "inline smtp password", text: smtpConfig(smtpLine: "password = \"hunter2\""),
                  key: "smtp.password", line: 6, fragment: "inline passwords are not allowed"),
        // Missing required keys and tables.
        ErrorCase(name: "missing database path", text: "[database]\n" + ConfigFixture.minimal.replacingOccurrences(
                      of: "[database]\npath = \"db/maildesk.sqlite\"\n", with: "[kb]\n"),
                  key: "database.path", line: 1, fragment: "missing required key [database] path"),
        ErrorCase(name: "missing database table", text: ConfigFixture.minimal.replacingOccurrences(
                      of: "[database]\npath = \"db/maildesk.sqlite\"\n", with: ""),
                  key: "database", line: nil, fragment: "missing required table [database]"),
        ErrorCase(name: "missing imap username",
                  text: imapConfig().replacingOccurrences(of: "username = \"support@example.com\"", with: ""),
                  key: "imap.username", line: 3, fragment: "missing required key [imap] username"),
        ErrorCase(name: "missing helpdesk address",
                  text: ConfigFixture.minimal.replacingOccurrences(of: "address = \"support@example.com\"", with: ""),
                  key: "helpdesk.address", line: 10, fragment: "missing required key [helpdesk] address"),
        ErrorCase(name: "missing agent address", text: ConfigFixture.minimal(extra: "[[helpdesk.agents]]\nid = \"a\""),
                  key: "helpdesk.agents.address", line: 13, fragment: "missing required key [[helpdesk.agents]] address"),
        // Exactly one source and one sink.
        ErrorCase(name: "imap and maildir", text: imapConfig() + "[maildir]\npath = \"/m\"\n",
                  key: "maildir", line: 11, fragment: "[imap] and [maildir] are both present"),
        ErrorCase(name: "smtp and outbox", text: smtpConfig() + "[outbox]\ndirectory = \"/o\"\n",
                  key: "outbox", line: 11, fragment: "[smtp] and [outbox] are both present"),
        ErrorCase(name: "no sink", text: ConfigFixture.minimal.replacingOccurrences(of: "[outbox]\ndirectory = \"outbox\"\n", with: ""),
                  key: "smtp", line: nil, fragment: "missing mail sink"),
        // Agents.
        ErrorCase(name: "duplicate agent id", text: ConfigFixture.minimal(extra: agents),
                  key: "helpdesk.agents.id", line: 20, fragment: "duplicate agent id \"alice\""),
        ErrorCase(name: "duplicate agent address",
                  text: ConfigFixture.minimal(extra: agents.replacingOccurrences(of: "alice2@", with: "Bob@")
                      .replacingOccurrences(of: "id = \"alice\"\naddress = \"Bob", with: "id = \"carol\"\naddress = \"Bob")),
                  key: "helpdesk.agents.address", line: 21, fragment: "already used by agent \"bob\""),
        // Syntax.
        ErrorCase(name: "TOML syntax error", text: ConfigFixture.minimal(extra: "[kb]\nthreshold = \n"),
                  key: nil, line: 14, fragment: "TOML syntax error"),
    ]

    @Test(arguments: cases)
    func errorNamesKeyAndLine(_ bad: ErrorCase) throws {
        let error = try #require(ConfigFixture.error(bad.text, environment: Self.env))
        #expect(error.key == bad.key)
        #expect(error.line == bad.line)
        #expect(error.file == "/etc/maildesk/maildesk.toml")
        #expect(error.description.contains(bad.fragment), "\(error.description)")
        let prefix = bad.line.map { "/etc/maildesk/maildesk.toml:\($0): " } ?? "/etc/maildesk/maildesk.toml: "
        #expect(error.description.hasPrefix(prefix), "\(error.description)")
        #expect(!error.description.contains("\n"))
    }

    /// A site fed only by the MTA pipe has neither [imap] nor [maildir] (docs/admin-guide.md#pipe-delivery).
    @Test func noSourceTableMeansPipeDeliveryOnly() throws {
        let text = ConfigFixture.minimal.replacingOccurrences(of: "[maildir]\npath = \"Maildir\"\n", with: "")
        #expect(text != ConfigFixture.minimal)
        let config = try ConfigLoader.parse(text, path: "/etc/maildesk/maildesk.toml", environment: Self.env)
        guard case .none = config.source else {
            Issue.record("expected no mail source, got \(config.source)")
            return
        }
    }

    @Test func missingFileNamesThePath() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        let path = "\(fixture.directory)/nope.toml"
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        #expect(error?.file == path)
        #expect(error?.line == nil)
        #expect(error?.description == "cannot read config file \(path): No such file or directory")
    }

    @Test func directoryAsConfigFileIsAnError() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: fixture.directory, environment: [:]) }
        #expect(error?.description.hasPrefix("cannot read config file \(fixture.directory): ") == true)
    }

    @Test func descriptionWithoutFile() {
        #expect(ConfigError(line: 3, key: "a.b", message: "x").description == "line 3: x")
        #expect(ConfigError(message: "x\ny").description == "x y")
    }
}
