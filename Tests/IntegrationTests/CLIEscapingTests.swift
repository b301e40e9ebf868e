import Foundation
import MaildeskTestSupport
import GRDB
import Testing

/// Terminal injection (docs/cli.md#escaping): controls decoded from a mail reach the admin's terminal
/// only as visible escapes in every human-readable listing; JSON keeps the exact value.
@Suite(.serialized) struct CLIEscapingTests {
    static let subject = "Hi \u{1B}[2J\r\nFAKE ROW \u{9B}31m \u{202E}gpj.exe \u{2028}end"
    static let name = "Evil\u{1B}]0;pwned\u{07} Name"

    static func encoded(_ text: String) -> String { "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?=" }

    /// A customer mail with a hostile subject, display name, attachment file name and body.
    static let hostile = Array("""
        From: \(encoded(name)) <bob@example.com>\r
        To: support@maildesk.test\r
        Subject: \(encoded(subject))\r
        Date: Mon, 12 Jan 2026 10:00:00 +0000\r
        Message-ID: <hostile@example.com>\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b"\r
        \r
        --b\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        first line\r
        second \u{1B}[31mred\u{1B}[0m\r
        --b\r
        Content-Type: application/octet-stream\r
        Content-Disposition: attachment; filename*=UTF-8''evil%1B%5B2J%0D%0Afake.txt\r
        Content-Transfer-Encoding: base64\r
        \r
        aGVsbG8=\r
        --b--\r

        """.utf8)

    /// A list mail whose List-Id (raw bytes, no encoding) plants an OSC 8 hyperlink in `explain`.
    static let listMail = MaildirFixtures.mail(from: "news@lists.example.com", subject: "Weekly news", messageID: "list@example.com",
                                           extraHeaders: ["List-Id: <x\u{1B}]8;;http://evil.test\u{07}.list>"])

    static func site() throws -> CLISite {
        let site = try CLISite(messages: [hostile, listMail])
        try site.poll()
        return site
    }

    static func expectClean(_ result: CLISite.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(what): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(CLISite.rawControls(result.stdout).isEmpty, "\(what) printed raw controls: \(result.stdout.debugDescription)",
                sourceLocation: sourceLocation)
    }

    @Test func ticketListAndShowEscapeSubjectNameAndFileName() throws {
        let site = try Self.site()
        let list = try site.run(["tickets", "list"])
        Self.expectClean(list, "tickets list")
        #expect(list.stdout.contains(#"Hi \e[2J\r\nFAKE ROW \u{9b}31m \u{202e}gpj.exe \u{2028}end"#))
        // Every line is the header or a row starting with its id: no forged row.
        for line in list.stdout.split(separator: "\n") { #expect(line.hasPrefix("ID") || line.first?.isNumber == true, "\(line)") }

        let show = try site.run(["tickets", "show", "1"])
        Self.expectClean(show, "tickets show")
        #expect(show.stdout.hasPrefix(#"#1 Hi \e[2J\r\nFAKE ROW"#))
        #expect(show.stdout.contains(#"customer Evil\e]0;pwned\x07 Name <bob@example.com>"#))
        #expect(show.stdout.contains(#"evil\e[2J\r\nfake.txt"#))
        // A body keeps its real line breaks; the controls inside a line are escaped.
        #expect(show.stdout.contains("first line\nsecond \\e[31mred\\e[0m\n"))

        let json = try site.run(["tickets", "show", "1", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["subject"] as? String == Self.subject, "JSON keeps the exact subject")
        let customer = object?["customer"] as? [String: Any]
        #expect(customer?["name"] as? String == Self.name, "JSON keeps the exact name")
    }

    @Test func customersListAndShowEscapeTheDisplayName() throws {
        let site = try Self.site()
        for arguments in [["customers", "list"], ["customers", "show", "bob@example.com"]] {
            let result = try site.run(arguments)
            Self.expectClean(result, arguments.joined(separator: " "))
            #expect(result.stdout.contains(#"Evil\e]0;pwned\x07 Name"#), "\(arguments)")
        }
    }

    @Test func explainEscapesTheHeadersItQuotes() throws {
        let site = try Self.site()
        let explain = try site.run(["explain", "list@example.com"])
        Self.expectClean(explain, "explain")
        #expect(explain.stdout.contains(#"List-Id: <x\e]8;;http://evil.test\x07.list>"#))
    }

    @Test func quarantineAndOutboxListsEscapeStoredText() throws {
        let site = try Self.site()
        let queue = try DatabaseQueue(path: site.database)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO raw_message (sha256, size, data, received_at) VALUES ('x', 1, x'41', '2026-01-12')")
            try db.execute(sql: """
                INSERT INTO quarantine (raw_id, source, reason, status, created_at)
                VALUES (last_insert_rowid(), 'maildir', 'boom' || char(27) || '[2J' || char(10) || '9 held fake', 'held', '2026-01-12')
                """)
            try db.execute(sql: "UPDATE outbox SET status = 'failed', last_error = '550 no' || char(27) || ']0;x' || char(7) || char(13)")
        }
        let quarantine = try site.run(["quarantine", "list"])
        Self.expectClean(quarantine, "quarantine list")
        #expect(quarantine.stdout.contains(#"boom\e[2J\n9 held fake"#))
        #expect(quarantine.stdout.split(separator: "\n").count == 2)

        let outbox = try site.run(["outbox", "list"])
        Self.expectClean(outbox, "outbox list")
        #expect(outbox.stdout.contains(#"550 no\e]0;x\x07\r"#))
        #expect(outbox.stdout.contains(#"FAKE ROW \u{9b}31m"#), "the acknowledgement's subject")
    }

    /// `quarantine show` prints the exact bytes into a pipe, escaped ones on a terminal (script(1) gives
    /// the binary a pseudo-terminal).
    @Test func quarantineShowEscapesOnATerminalOnly() throws {
        let site = try CLISite()
        try site.poll()
        let raw = "Subject: \u{1B}]0;pwned\u{07}\r\n\r\nbody \u{1B}[2J\r\n"
        try DatabaseQueue(path: site.database).write { db in
            try db.execute(sql: "INSERT INTO raw_message (sha256, size, data, received_at) VALUES ('x', 1, ?, '2026-01-12')",
                           arguments: [Data(raw.utf8)])
            try db.execute(sql: """
                INSERT INTO quarantine (raw_id, source, reason, status, created_at)
                VALUES (last_insert_rowid(), 'maildir', 'test', 'held', '2026-01-12')
                """)
        }
        let piped = try site.run(["quarantine", "show", "1"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == raw, "a pipe gets the exact bytes")

        let command = [CLISite.binary, "quarantine", "show", "1", "--config", site.config].joined(separator: " ")
        let terminal = try CLISite.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script")
        #expect(terminal.status == 0, "\(terminal.stderr)")
        let shown = terminal.stdout.replacingOccurrences(of: "\r\n", with: "\n")  // the terminal's ONLCR
        #expect(CLISite.rawControls(shown).isEmpty, "\(shown.debugDescription)")
        #expect(shown.contains(#"Subject: \e]0;pwned\x07"#), "\(shown.debugDescription)")
        #expect(shown.contains("\nbody \\e[2J\n"), "\(shown.debugDescription)")
    }

    @Test func kbListAndShowEscapeArticles() throws {
        let site = try CLISite()
        let kb = site.state + "/kb"
        try FileManager.default.createDirectory(atPath: kb, withIntermediateDirectories: true)
        try """
            ---
            title: "Reset \\e]0;pwned\\a password"
            questions:
              - "How do I reset\\u2028my password?"
            ---
            Open the settings.
            Then \u{1B}[8mhidden\u{1B}[0m and \u{9B}2J.

            """.write(toFile: kb + "/reset.md", atomically: true, encoding: .utf8)
        #expect(try site.run(["kb", "import", kb]).status == 0)
        let list = try site.run(["kb", "list"])
        Self.expectClean(list, "kb list")
        #expect(list.stdout.contains(#"Reset \e]0;pwned\x07 password"#))
        let show = try site.run(["kb", "show", "reset"])
        Self.expectClean(show, "kb show")
        #expect(show.stdout.contains(#"How do I reset\u{2028}my password?"#))
        #expect(show.stdout.contains("Open the settings.\nThen \\e[8mhidden\\e[0m and \\u{9b}2J."))
    }

    @Test func parseEscapesHeadersAndKeepsTheBodyLines() throws {
        let file = try MaildirFixtures.temporaryDirectory() + "/hostile.eml"
        try Data(Self.hostile).write(to: URL(fileURLWithPath: file))
        let parse = try CLISite.run(["parse", file])
        Self.expectClean(parse, "parse")
        #expect(parse.stdout.contains(#"Subject:    Hi \e[2J\r\nFAKE ROW"#))
        #expect(parse.stdout.contains("first line\nsecond \\e[31mred"))
    }
}
