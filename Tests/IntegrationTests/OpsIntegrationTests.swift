import Foundation
import GRDB
import MailTransport
import MaildeskServices
import Synchronization
import Testing

/// The admin verbs against the real test Dovecot/Postfix, run through the built `maildesk` binary.
@Suite(.serialized) struct OpsIntegrationTests {
    let cli = CLIIntegrationTests()

    /// A config like an admin's, with the password file locked down (mode 0600).
    func config(_ h: PipelineHarness, password: String = "secret", caFile: String? = nil, trailer: String = "") throws -> String {
        let path = try cli.writeConfig(h)
        try "\(password)\n".write(toFile: h.state + "/imap-password", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: h.state + "/imap-password")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if let caFile { text = text.replacingOccurrences(of: h.servers.caFile, with: caFile) }
        try (text + trailer).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func jsonObject(_ result: CLIIntegrationTests.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    func lines(_ result: CLIIntegrationTests.Result, failing: Bool) -> [String] {
        result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix(failing ? "FAIL " : "ok ") }
    }

    @Test func doctorPassesWithGoodCredentials() throws {
        let h = try PipelineHarness()
        let config = try config(h)
        let result = try cli.run(["doctor", "--config", config])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let ok = lines(result, failing: false)
        for name in ["config", "database", "disk", "secret_file", "password_file (imap)", "password_file (smtp)", "imap",
                     "clock", "smtp", "outbox"] {
            #expect(ok.contains { $0.hasPrefix("ok \(name):") }, "no ok line for \(name): \(result.stdout)")
        }
        #expect(ok.contains { $0.hasPrefix("ok imap:") && $0.contains("UIDVALIDITY") })
        #expect(ok.contains("ok clock: no message to compare (mailbox empty)"), "\(result.stdout)")
        #expect(lines(result, failing: true).isEmpty)

        let json = try cli.run(["doctor", "--json", "--config", config])
        #expect(json.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["ok"] as? Bool == true)
        let checks = try #require(document?["checks"] as? [[String: Any]])
        #expect(checks.allSatisfy { Set($0.keys) == ["name", "ok", "detail"] })
    }

    /// A mail delivered through Postfix to Dovecot carries the server's INTERNALDATE: our clock (the same
    /// machine's) is within seconds of it, so the check passes and names the message it compared.
    @Test func doctorComparesTheClockWithTheNewestMessage() throws {
        let h = try PipelineHarness()
        let config = try config(h)
        try h.sendFromCustomer(h.customerMail(subject: "Clock", messageID: "clock-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1, timeout: 30)
        let result = try cli.run(["doctor", "--config", config])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let clock = try #require(lines(result, failing: false).first { $0.hasPrefix("ok clock:") }, "\(result.stdout)")
        #expect(clock.contains("newest message in INBOX (UID 1) received "), "\(clock)")
        // Same host: at most a few seconds apart, in either wording.
        let small = clock.contains("ok clock: skew ") || clock.contains(" s before local time")
        #expect(small && !clock.contains(" min"), "\(clock)")

        // Once processed, the mail sits in the processed folder: its INTERNALDATE is used from there.
        let poll = try cli.run(["poll", "--once", "--no-send", "--config", config])
        #expect(poll.status == 0, "\(poll.stderr)")
        #expect(try h.messageCount(h.support) == 0)
        let after = try cli.run(["doctor", "--config", config])
        let moved = try #require(lines(after, failing: false).first { $0.hasPrefix("ok clock:") }, "\(after.stdout)")
        #expect(moved.contains("newest message in Processed (UID 1) received "), "\(moved)")

        let json = try cli.run(["doctor", "--json", "--config", config])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let checks = try #require(document?["checks"] as? [[String: Any]])
        let entry = try #require(checks.first { $0["name"] as? String == "clock" }, "\(json.stdout)")
        #expect(entry["ok"] as? Bool == true)
        #expect((entry["detail"] as? String)?.contains("UID 1") == true)
    }

    @Test func doctorNamesIMAPWhenThePasswordIsWrong() throws {
        let h = try PipelineHarness()
        let config = try config(h, password: "not-the-password")
        let result = try cli.run(["doctor", "--config", config])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let failures = lines(result, failing: true)
        #expect(failures.contains { $0.hasPrefix("FAIL imap:") && $0.contains("IMAP") && $0.contains("authentication") },
                "\(result.stdout)")
        #expect(failures.contains { $0.hasPrefix("FAIL smtp:") && $0.contains("SMTP") }, "\(result.stdout)")
        #expect(failures.contains("FAIL clock: not checked: no IMAP session (see the imap check)"), "\(result.stdout)")
        #expect(!result.stdout.contains("not-the-password"))
        #expect(result.stdout.contains("ok database:"))
    }

    @Test func doctorNamesTLSWithTheWrongCA() throws {
        let h = try PipelineHarness()
        let config = try config(h, caFile: h.servers.wrongCAFile)
        let result = try cli.run(["doctor", "--config", config])
        #expect(result.status == 1)
        let failures = lines(result, failing: true)
        #expect(failures.contains { $0.hasPrefix("FAIL imap:") && $0.contains("TLS") }, "\(result.stdout)")
        #expect(failures.contains { $0.hasPrefix("FAIL smtp:") && $0.contains("TLS") }, "\(result.stdout)")
    }

    @Test func doctorFailsOnAReadablePasswordFile() throws {
        let h = try PipelineHarness()
        let config = try config(h)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: h.state + "/imap-password")
        let result = try cli.run(["doctor", "--config", config])
        #expect(result.status == 1)
        #expect(lines(result, failing: true).contains { $0.hasPrefix("FAIL password_file (imap):") && $0.contains("0644") },
                "\(result.stdout)")
    }

    /// The admin's path through quarantine retry/drop, replay, backup and restore with the binary.
    @Test func quarantineReplayBackupAndRestoreThroughTheCLI() throws {
        let h = try PipelineHarness()
        let strict = try config(h, trailer: "\n[limits]\nmax_message_bytes = 300\n")
        let big = h.customerMail(subject: "Big", messageID: "big-\(UUID())@customer.test",
                                 body: String(repeating: "long text ", count: 100))
        #expect(try cli.run(["ingest", "--no-send", "--config", strict], stdin: big).status == 0)
        let still = try cli.run(["quarantine", "retry", "1", "--config", strict])
        #expect(still.status == 1)
        #expect(still.stdout.contains("quarantine 1 still failing") && still.stdout.contains("max_message_bytes"), "\(still.stdout)")

        let relaxed = try config(h)
        let retry = try cli.run(["quarantine", "retry", "1", "--config", relaxed])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout == "quarantine 1 retried: new ticket #1 (entry 1)\n")
        let drop = try cli.run(["quarantine", "drop", "1", "--config", relaxed])
        #expect(drop.status == 65)
        #expect(drop.stderr.contains("retried"))
        let list = try cli.run(["quarantine", "list", "--config", relaxed])
        #expect(list.stdout.contains("retried"))
        let listJSON = try cli.run(["quarantine", "list", "--json", "--config", relaxed])
        let held = try #require(try jsonObject(listJSON)["quarantine"] as? [[String: Any]], "\(listJSON.stdout)")
        #expect(held.count == 1)
        #expect(Set(held[0].keys) == ["id", "source", "uid", "reason", "status", "size", "created_at"], "\(held)")
        #expect(held[0]["uid"] is NSNull)
        #expect(held[0]["status"] as? String == "retried")

        let replay = try cli.run(["replay", "1", "--config", relaxed])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout == "entry 1 (ticket #1): unchanged\n")
        #expect(try cli.run(["replay", "--config", relaxed]).status == 64)
        #expect(try cli.run(["replay", "42", "--config", relaxed]).status == 65)
        let replayJSON = try jsonObject(try cli.run(["replay", "1", "42", "--json", "--config", relaxed]))
        #expect(Set(replayJSON.keys) == ["entries", "updated", "unchanged", "skipped", "not_found"])
        let outcomes = try #require(replayJSON["entries"] as? [[String: Any]])
        #expect(outcomes.allSatisfy { Set($0.keys) == ["id", "ticket", "status", "changed", "detail"] }, "\(outcomes)")
        #expect(outcomes.last?["ticket"] is NSNull)

        let file = h.state + "/backup.sqlite"
        let backup = try cli.run(["backup", file, "--config", relaxed])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("integrity_check ok"))
        #expect(try cli.run(["backup", file, "--config", relaxed]).status == 64)
        let text = h.state + "/notes.txt"
        try "hello\n".write(toFile: text, atomically: true, encoding: .utf8)
        let refused = try cli.run(["restore", text, "--config", relaxed])
        #expect(refused.status == 65)
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let second = h.customerMail(subject: "After backup", messageID: "after-\(UUID())@customer.test")
        #expect(try cli.run(["ingest", "--no-send", "--config", relaxed], stdin: second).stdout.contains("new ticket #2"))
        let restoreText = try cli.run(["restore", file, "--config", relaxed])
        #expect(restoreText.status == 0, "\(restoreText.stderr)")
        #expect(restoreText.stdout.contains("previous database kept as"))
        let restore = try cli.run(["restore", file, "--json", "--config", relaxed])
        #expect(restore.status == 0, "\(restore.stderr)\(restore.stdout)")
        let restored = try jsonObject(restore)
        #expect(Set(restored.keys) == ["database", "from", "previous"])
        #expect((restored["previous"] as? String)?.contains(".before-restore-") == true, "\(restore.stdout)")
        let tickets = try cli.run(["tickets", "list", "--json", "--config", relaxed])
        let json = try JSONSerialization.jsonObject(with: Data(tickets.stdout.utf8)) as? [String: Any]
        #expect((json?["tickets"] as? [[String: Any]])?.count == 1)
    }

    /// A mail quarantined from IMAP and retried after the limit was raised: one ticket, one
    /// acknowledgement, and the next polls neither fetch it again nor send anything twice.
    @Test func retryOfAnIMAPMessageSendsOneAcknowledgement() async throws {
        let h = try PipelineHarness()
        var strict = h.configuration()
        strict.limits.maxMessageBytes = 300
        try h.appendToSupport(h.customerMail(subject: "Too big", messageID: "big-\(UUID())@customer.test",
                                             body: String(repeating: "Please check my invoice. ", count: 40)))
        let first = try await h.app(strict).pollOnce(send: true)
        #expect(first.poll.quarantined == 1)
        #expect(try h.messageCount(h.support, mailbox: "Processed") == 1)

        let app = try h.app()
        let outcome = try await app.retryQuarantined(id: 1)
        guard case let .processed(.entry(ticket, _, newTicket, _, queued)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(ticket == 1 && newTicket && queued == 1)
        let second = try await app.pollOnce(send: true)
        #expect(second.poll.fetched == 0)
        #expect(second.sent?.sent == 1)
        _ = try h.waitForMail(h.customer, count: 1)
        let third = try await app.pollOnce(send: true)
        #expect(third.poll.fetched == 0)
        #expect(third.sent?.sent == 0)
        #expect(try h.messageCount(h.customer) == 1)
        let pending = try await app.database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ingest_record WHERE server_done = 0") ?? -1
        }
        #expect(pending == 0)
    }

    /// A backup taken while `pollOnce` ingests many mails is a consistent, intact database.
    @Test func backupWhileIngesting() async throws {
        let h = try PipelineHarness()
        let imap = try IMAPConnection(endpoint: h.servers.imapEndpoint(user: h.support), logger: h.logger)
        let total = 200
        for n in 1...total {
            try imap.append(h.customerMail(subject: "Load \(n)", messageID: "load-\(n)-\(UUID())@customer.test",
                                           body: String(repeating: "Where is my parcel number \(n)? ", count: 60)))
        }
        let app = try h.app()
        let done = DoneFlag()
        let poll = Task {
            defer { done.set() }
            return try await app.pollOnce(send: false)
        }
        var counts: [Int] = []
        var index = 0
        repeat {
            index += 1
            let file = h.state + "/backup-\(index).sqlite"
            let report = try app.backup(to: file, force: false)
            #expect(report.integrity == "ok")
            let queue = try DatabaseQueue(path: file)
            let (check, tickets, entries, ingested) = try await queue.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE kind = 'customer'") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_record") ?? -1)
            }
            try queue.close()
            #expect(check == "ok")
            // Consistent snapshot: every ingested message has its ticket and entry, nothing half-written.
            #expect(tickets == entries && entries == ingested, "tickets \(tickets), entries \(entries), records \(ingested)")
            counts.append(tickets)
        } while !done.isSet && index < 400
        let report = try await poll.value
        #expect(report.poll.newTickets == total)
        _ = try app.backup(to: h.state + "/final.sqlite", force: false)
        let final = try DatabaseQueue(path: h.state + "/final.sqlite")
        #expect(try await final.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") } == total)
        #expect(counts.count >= 2, "only \(counts.count) backups during the poll")
    }
}

/// Set once by the ingest task when it ends.
final class DoneFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
