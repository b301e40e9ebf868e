import Foundation
import GRDB
import MaildeskStore
import Testing

/// `maildesk stats` and `maildesk report --html` through the built binary, on a database with one
/// ticket that came through the real test servers and four weeks of crafted history; the report is
/// rendered in headless Chromium.
@Suite(.serialized) struct InsightCLIIntegrationTests {
    let cli = CLIIntegrationTests()

    static let shipping = ["My parcel has not arrived, shipping is delayed", "Shipping delay: tracking shows no update",
                           "我的包裹 shipping delayed 还没到", "Where is my parcel? shipping delayed again"]
    static let invoice = ["请给我开发票 invoice", "发票金额不对 invoice wrong", "I need an invoice 发票 for my company"]
    static let password = ["I cannot reset my password", "password reset link does not work", "忘记密码 password reset"]

    /// What the crafted history holds, to check the figures against.
    struct History { var tickets = 0; var notClosed = 0 }

    /// Tickets over the last 28 days: shipping complaints rising this week (12 against 3), invoices
    /// steady (5 and 5), password resets falling (3 against 8), ten older ones; most older tickets are
    /// answered and closed by an agent, every fifth got an automatic answer first.
    static func craft(_ db: Database, now: Date) throws -> History {
        var history = History()
        var plan: [(days: Double, texts: [String], category: String)] = []
        for i in 0..<12 { plan.append((Double(i) * 0.55 + 0.2, shipping, "shipping")) }
        for i in 0..<3 { plan.append((Double(i) * 2 + 7.3, shipping, "shipping")) }
        for i in 0..<5 { plan.append((Double(i) * 1.3 + 0.4, invoice, "billing")) }
        for i in 0..<5 { plan.append((Double(i) * 1.3 + 7.4, invoice, "billing")) }
        for i in 0..<3 { plan.append((Double(i) * 2 + 0.6, password, "account")) }
        for i in 0..<8 { plan.append((Double(i) * 0.8 + 7.1, password, "account")) }
        for i in 0..<10 { plan.append((Double(i) * 1.3 + 14.5, [shipping, invoice, password][i % 3], ["shipping", "billing", "account"][i % 3])) }
        let agents = ["alice", "bob", "carol", nil]
        for (n, item) in plan.enumerated() {
            let created = now.addingTimeInterval(-item.days * 86_400)
            let answered = created.addingTimeInterval(Double(1 + n % 7) * 3_600)
            let closes = item.days > 2 && n % 4 != 0
            let closed = answered.addingTimeInterval(Double(2 + n % 11) * 3_600 * 3)
            var subject = item.texts[n % item.texts.count]
            if n == 0 { subject = "<script>alert('owned')</script> " + subject }
            try db.execute(sql: """
                INSERT INTO ticket (subject, status, priority, category, customer, assignee, created_at, updated_at)
                VALUES (?, ?, 'normal', ?, ?, ?, ?, ?)
                """, arguments: [subject, closes ? "closed" : (n % 3 == 0 ? "pending" : "open"), item.category,
                                 "c\(n)@customer.test", agents[n % agents.count], created, closes ? closed : answered])
            let id = db.lastInsertedRowID
            func entry(_ kind: String, _ at: Date, _ body: String) throws {
                try db.execute(sql: "INSERT INTO entry (ticket_id, kind, body, full_body, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, kind, body, body, at])
            }
            try entry("customer", created, item.texts[n % item.texts.count])
            if n % 5 == 0 { try entry("auto_answer", answered.addingTimeInterval(-1_800), "Perhaps this article helps.") }
            if n % 5 == 0, n % 2 == 0 { try entry("customer", answered.addingTimeInterval(-900), "That did not help.") }
            try entry("agent", answered, "Thanks, we are on it.")
            if closes {
                try db.execute(sql: "INSERT INTO ticket_event (ticket_id, actor, action, created_at) VALUES (?, 'alice', '#close', ?)",
                               arguments: [id, closed])
            } else {
                history.notClosed += 1
            }
            history.tickets += 1
        }
        return history
    }

    func prepare() throws -> (config: String, state: String, history: History) {
        let h = try PipelineHarness()
        let config = try cli.writeConfig(h)
        try h.sendFromCustomer(h.customerMail(subject: "Stats question", messageID: "stats-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1)
        let poll = try cli.run(["poll", "--once", "--no-send", "--config", config])
        #expect(poll.status == 0, "\(poll.stderr)")
        let database = try MaildeskDatabase(path: h.state + "/db/maildesk.sqlite")
        let history = try database.write { try Self.craft($0, now: Date()) }
        return (config, h.state, history)
    }

    @Test func statsAsJSONAndText() throws {
        let (config, _, history) = try prepare()
        let result = try cli.run(["stats", "--json", "--since", "30d", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect(json["tickets"] as? Int == history.tickets + 1)
        #expect((json["backlog"] as? [String: Any])?["total"] as? Int == history.notClosed + 1)
        let mae = try #require(json["due_estimate_mae_hours"] as? Double, "the crafted history has enough closed tickets")
        #expect(mae >= 0)
        #expect((json["volume_per_day"] as? [[String: Any]])?.count == 31)
        let first = try #require(json["first_response"] as? [String: Any])
        #expect(first["tickets"] as? Int == history.tickets, "the polled ticket has no reply yet")
        #expect((json["per_category"] as? [[String: Any]])?.first?["category"] as? String == "shipping")
        #expect((json["auto_answer"] as? [String: Any])?["answered"] as? Int == 10)

        let text = try cli.run(["stats", "--since", "2026-01-01", "--config", config])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Backlog now:    \(history.notClosed + 1)"), "\(text.stdout)")
        #expect(text.stdout.contains("Due estimate:   mean absolute error "))
        let bad = try cli.run(["stats", "--since", "last week", "--config", config])
        #expect(bad.status == 64)
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }

    @Test func reportRendersInHeadlessChromium() throws {
        let (config, state, _) = try prepare()
        let file = state + "/report.html"
        let result = try cli.run(["report", "--html", file, "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        // Private whatever the umask (the test runs under 022): it names customers and agents.
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(html.components(separatedBy: "<svg").count > 4)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"))
        let rising = try #require(html.range(of: "<article class=\"topic rising\">"), "no rising topic")
        #expect(html[rising.upperBound...].prefix(400).contains("shipping"), "shipping is this week's rising topic")

        let chromium = try #require(Chromium.path, "chromium is not installed (scripts/install-deps.sh --servers installs it)")
        let blank = state + "/blank.html"
        try "<!DOCTYPE html><html><body></body></html>".write(toFile: blank, atomically: true, encoding: .utf8)
        let empty = try Chromium.screenshot(chromium, page: blank, to: state + "/blank.png", profile: state + "/chrome")
        let shot = try Chromium.screenshot(chromium, page: file, to: state + "/report.png", profile: state + "/chrome")
        #expect(shot.status == 0, "\(shot.log)")
        #expect(shot.consoleMessages.isEmpty, "console: \(shot.consoleMessages)")
        let png = try Data(contentsOf: URL(fileURLWithPath: state + "/report.png"))
        let blankPNG = try Data(contentsOf: URL(fileURLWithPath: state + "/blank.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(empty.status == 0 && !blankPNG.isEmpty)
        // A page of one colour compresses to almost nothing; charts and text do not.
        #expect(png.count > blankPNG.count * 5, "screenshot looks blank: \(png.count) bytes against \(blankPNG.count)")
    }
}

/// Headless Chromium for the report check.
enum Chromium {
    static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    struct Shot { var status: Int32; var log: String; var consoleMessages: [String] }

    /// Renders `page` into a 1200×2000 PNG; Chromium logs page console messages as `CONSOLE(…)` lines.
    static func screenshot(_ chromium: String, page: String, to png: String, profile: String) throws -> Shot {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
                             "--enable-logging=stderr", "--v=0", "--screenshot=" + png, "--window-size=1200,2000",
                             URL(fileURLWithPath: page).absoluteString]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // A hung browser must not hang the suite: stop it after a minute (it takes seconds).
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let console = log.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") }
        return Shot(status: process.terminationStatus, log: log, consoleMessages: console)
    }
}
