import Foundation
import GRDB
import MaildeskServices
import Testing

/// A site fed only by the MTA pipe (no `[imap]`, no `[maildir]`) sending through the real Postfix, steered
/// with `maildesk outbox …` as a Postfix admin steers `mailq` and `postqueue -f` (docs/cli.md#outbox).
@Suite(.serialized) struct OutboxCLIIntegrationTests {
    let cli = CLIIntegrationTests()

    /// Pipe-only config: a database, the real Postfix as the sink, no mail source.
    func pipeOnlyConfig(_ h: PipelineHarness) throws -> String {
        try "secret\n".write(toFile: h.state + "/smtp-password", atomically: true, encoding: .utf8)
        let config = """
            [database]
            path = "db/maildesk.sqlite"

            [smtp]
            url = "smtps://127.0.0.1:\(h.servers.smtpsPort)"
            username = "\(h.support)"
            password_file = "smtp-password"
            ca_file = "\(h.servers.caFile)"

            [helpdesk]
            address = "\(h.support)"
            name = "Pipe Support"
            """
        let path = h.state + "/maildesk.toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func outbox(_ config: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let list = try cli.run(["outbox", "list", "--json", "--config", config] + extra)
        #expect(list.status == 0, "\(list.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        return try #require(json?["outbox"] as? [[String: Any]])
    }

    @Test func pipeOnlySiteRunsEveryCommandButPoll() throws {
        let h = try PipelineHarness()
        let config = try pipeOnlyConfig(h)
        let mail = h.customerMail(subject: "Pipe only", messageID: "pipe-\(UUID())@customer.test")
        let ingest = try cli.run(["ingest", "--config", config], stdin: mail)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("new ticket #1"))
        let list = try cli.run(["tickets", "list", "--config", config])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Pipe only"))

        let kb = h.state + "/kb"
        try FileManager.default.createDirectory(atPath: kb, withIntermediateDirectories: true)
        try "---\ntitle: Opening hours\nquestions:\n  - when are you open\n---\nWe are open 9 to 5.\n"
            .write(toFile: kb + "/hours.md", atomically: true, encoding: .utf8)
        let imported = try cli.run(["kb", "import", kb, "--config", config])
        #expect(imported.status == 0, "\(imported.stderr)")

        let doctor = try cli.run(["doctor", "--config", config])
        #expect(doctor.stdout.contains("ok mail source: none (pipe delivery only)"), "\(doctor.stdout)")
        #expect(!doctor.stdout.contains("FAIL mail source"))
        // The model scripts/install-model.sh installs (make test runs it) is found at the default path.
        #expect(doctor.stdout.contains("ok kb embeddings: model at /usr/local/share/maildesk/models/all-MiniLM-L6-v2"),
                "\(doctor.stdout)")
        try (String(contentsOfFile: config, encoding: .utf8) + "\n[kb]\nembedding_model = \"no-model-here\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let lexical = try cli.run(["doctor", "--config", config])
        #expect(lexical.stdout.contains("ok kb embeddings: no model at \(h.state)/no-model-here"), "\(lexical.stdout)")
        #expect(lexical.stdout.contains("lexical matching only"))

        let poll = try cli.run(["poll", "--once", "--config", config])
        #expect(poll.status == 78)
        #expect(poll.stderr.contains("no mail source to poll"))
        #expect(poll.stderr.split(separator: "\n").count == 1)
        _ = try h.waitForMail(h.customer, count: 1)
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() throws {
        let h = try PipelineHarness()
        let config = try pipeOnlyConfig(h)
        let ingest = try cli.run(["--config", config, "ingest", "--no-send"],
                                 stdin: h.customerMail(subject: "Global options", messageID: "g-\(UUID())@customer.test"))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let forms: [[String]] = [
            ["--config", config, "--json", "tickets", "list"],
            ["--json", "tickets", "list", "--config", config],
            ["tickets", "list", "--json", "--config", config],
            ["--config=\(config)", "tickets", "--json", "list"],
            ["--log-level", "error", "--config", config, "tickets", "list", "--json"],
        ]
        for arguments in forms {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains("\"subject\" : \"Global options\""), "\(arguments): \(run.stdout)")
        }
        let text = try cli.run(["--config", config, "tickets", "list"])
        #expect(text.stdout.contains("Global options") && !text.stdout.contains("{"))
    }

    /// Postfix down: the mail waits as `deferred`; Postfix back: `outbox flush` sends every row at once
    /// (ignoring the backoff), each exactly once.
    @Test func flushDeliversDeferredMailAtOnceAfterAnOutage() throws {
        let h = try PipelineHarness()
        let config = try pipeOnlyConfig(h)
        try h.servers.runScript("smtp-stop")
        do {
            for n in 1...3 {
                let mail = h.customerMail(subject: "Outage \(n)", messageID: "out-\(n)-\(UUID())@customer.test")
                let ingest = try cli.run(["ingest", "--config", config], stdin: mail)
                #expect(ingest.status == 0, "\(ingest.stderr)")
            }
        } catch {
            try h.servers.runScript("smtp-start")
            throw error
        }
        try h.servers.runScript("smtp-start")
        let rows = try outbox(config)
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["deferred"] as? Bool == true && $0["status"] as? String == "queued" })
        #expect(rows.allSatisfy { ($0["last_error"] as? String)?.isEmpty == false })
        #expect(try outbox(config, ["--status", "deferred"]).count == 3)
        let text = try cli.run(["outbox", "list", "--config", config])
        #expect(text.stdout.split(separator: "\n").filter { $0.contains("deferred") }.count == 3, "\(text.stdout)")

        let flush = try cli.run(["outbox", "flush", "--config", config])
        #expect(flush.status == 0, "\(flush.stderr)")
        #expect(flush.stdout.contains("outbox: 3 sent, 0 deferred, 0 failed"), "\(flush.stdout)")
        _ = try h.waitForMail(h.customer, count: 3)
        Thread.sleep(forTimeInterval: 1)
        #expect(try h.messageCount(h.customer) == 3)
        #expect(try outbox(config, ["--status", "sent"]).count == 3)
        #expect(try outbox(config).isEmpty)
    }

    /// `drop` sets a row aside and the ticket says so; `retry` brings it back; a sent row is refused.
    @Test func dropAndRetryOneRow() throws {
        let h = try PipelineHarness()
        let config = try pipeOnlyConfig(h)
        let ingest = try cli.run(["ingest", "--no-send", "--config", config],
                                 stdin: h.customerMail(subject: "Drop me", messageID: "drop-\(UUID())@customer.test"))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let id = try #require(try outbox(config).first?["id"] as? Int)

        let drop = try cli.run(["outbox", "drop", "\(id)", "--config", config])
        #expect(drop.status == 0, "\(drop.stderr)")
        #expect(try outbox(config).isEmpty)
        #expect(try outbox(config, ["--status", "dropped"]).count == 1)
        let show = try cli.run(["tickets", "show", "1", "--config", config])
        #expect(show.stdout.contains("outbox: mail \(id) to \(h.customer) dropped"), "\(show.stdout)")
        #expect(try cli.run(["outbox", "flush", "--config", config]).stdout.contains("outbox: 0 sent"))

        let retry = try cli.run(["outbox", "retry", "\(id)", "--config", config])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try cli.run(["outbox", "flush", "--config", config]).stdout.contains("outbox: 1 sent"))
        _ = try h.waitForMail(h.customer, count: 1)

        let again = try cli.run(["outbox", "retry", "\(id)", "--config", config])
        #expect(again.status == 65)
        #expect(again.stderr.contains("was sent"))
        // A bounced row (a delivery report came back) is never sent again by retry.
        let queue = try DatabaseQueue(path: h.state + "/db/maildesk.sqlite")
        try queue.write { try $0.execute(sql: "UPDATE outbox SET status = 'bounced', last_error = '5.1.1 no such user'") }
        try queue.close()
        let bounced = try cli.run(["outbox", "retry", "\(id)", "--config", config])
        #expect(bounced.status == 65)
        #expect(bounced.stderr.contains("bounced (5.1.1 no such user)"), "\(bounced.stderr)")
        #expect(try outbox(config, ["--status", "bounced"]).count == 1)
        let missing = try cli.run(["outbox", "drop", "9999", "--config", config])
        #expect(missing.status == 65)
        #expect(missing.stderr == "maildesk: no outbox row 9999 (see `maildesk outbox list`)\n")
    }

    /// A row leased by a sender that died is listed as such, and `outbox flush` sends it at once instead
    /// of waiting for the lease to run out.
    @Test func rowLeasedByADeadSenderIsShownAndFlushed() throws {
        let h = try PipelineHarness()
        let config = try pipeOnlyConfig(h)
        let ingest = try cli.run(["ingest", "--no-send", "--config", config],
                                 stdin: h.customerMail(subject: "Stuck", messageID: "stuck-\(UUID())@customer.test"))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let owner = LeaseOwner(host: LeaseOwner.current.host, pid: dead.processIdentifier, start: 1)
        let queue = try DatabaseQueue(path: h.state + "/db/maildesk.sqlite")
        try queue.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?",
                           arguments: [owner.description, Date().addingTimeInterval(300)])
        }
        try queue.close()
        let rows = try outbox(config)
        let lease = try #require(rows.first?["lease"] as? [String: Any])
        #expect(lease["state"] as? String == "gone")
        #expect(try cli.run(["outbox", "list", "--config", config]).stdout.contains("sending (sender gone)"))
        let flush = try cli.run(["outbox", "flush", "--config", config])
        #expect(flush.stdout.contains("outbox: 1 sent"), "\(flush.stdout) \(flush.stderr)")
        _ = try h.waitForMail(h.customer, count: 1)
    }
}
