import Foundation
import MaildeskTestSupport
import Testing

/// The `maildesk` binary as an admin runs it: a config file with a password file, real servers.
@Suite(.serialized) struct CLIIntegrationTests {
    typealias Result = ProcessResult

    /// The built `maildesk` next to the test bundle (`swift build` puts all products in one folder).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["MAILDESK_BIN"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("maildesk").path
    }

    func run(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Result {
        try ProcessRunner.run(Self.binary, arguments, stdin: stdin)
    }

    func writeConfig(_ h: PipelineHarness, extra: String = "") throws -> String {
        try "secret\n".write(toFile: h.state + "/imap-password", atomically: true, encoding: .utf8)
        let config = """
            [database]
            path = "db/maildesk.sqlite"

            [imap]
            url = "imap://127.0.0.1:\(h.servers.imapPort)/INBOX"
            username = "\(h.support)"
            password_file = "imap-password"
            ca_file = "\(h.servers.caFile)"
            processed_folder = "Processed"
            \(extra)
            [smtp]
            url = "smtps://127.0.0.1:\(h.servers.smtpsPort)"
            username = "\(h.support)"
            password_file = "imap-password"
            ca_file = "\(h.servers.caFile)"

            [helpdesk]
            address = "\(h.support)"
            name = "CLI Support"
            """
        let path = h.state + "/maildesk.toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func pollOnceAndListTicketsAsJSON() throws {
        let h = try PipelineHarness()
        let config = try writeConfig(h)
        try h.sendFromCustomer(h.customerMail(subject: "CLI question", messageID: "cli-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1)
        let poll = try run(["poll", "--once", "--json", "--config", config])
        #expect(poll.status == 0, "\(poll.stderr)")
        #expect(poll.stdout.contains("\"new_tickets\" : 1"))
        #expect(poll.stdout.contains("\"sent\" : 1"))
        let list = try run(["tickets", "list", "--json", "--config", config])
        #expect(list.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        let tickets = try #require(json?["tickets"] as? [[String: Any]])
        #expect(tickets.count == 1)
        for key in ["id", "subject", "status", "priority", "category", "customer", "assignee", "created_at", "updated_at"] {
            #expect(tickets[0].keys.contains(key), "missing \(key)")
        }
        #expect(tickets[0]["status"] as? String == "open")
        _ = try h.waitForMail(h.customer, count: 1)

        // Standard-input delivery (MTA pipe) lands in the same database.
        let ingest = try run(["ingest", "--no-send", "--config", config],
                             stdin: h.customerMail(subject: "Via pipe", messageID: "pipe-\(UUID())@customer.test"))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("new ticket #2"))
    }

    @Test func configurationMistakesAreOneLineAndExit78() throws {
        let h = try PipelineHarness()
        let config = try writeConfig(h, extra: "pasword_file = \"typo\"\n")
        let result = try run(["tickets", "list", "--config", config])
        #expect(result.status == 78)
        #expect(result.stderr.contains("pasword_file"))
        #expect(result.stderr.contains("maildesk.toml:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let missing = try run(["poll", "--once", "--config", h.state + "/nope.toml"])
        #expect(missing.status == 78)
        #expect(!missing.stderr.contains("Fatal error"))
        let usage = try run(["tickets", "list", "--status", "weird"])
        #expect(usage.status == 64)
    }

    @Test func agentVerbsAndCustomerPrivacyThroughTheBinary() throws {
        let h = try PipelineHarness()
        let agent = h.servers.uniqueAddress("agent", domain: "example.test")
        let config = try writeConfig(h, extra: "")
        try (try String(contentsOfFile: config, encoding: .utf8)
             + "\n[[helpdesk.agents]]\nid = \"alice\"\naddress = \"\(agent)\"\nname = \"Alice\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try h.sendFromCustomer(h.customerMail(subject: "Printer jam", messageID: "jam-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1)
        #expect(try run(["poll", "--once", "--config", config]).status == 0)
        _ = try h.waitForMail(agent, count: 1)                       // the notification

        let reply = try run(["tickets", "reply", "1", "--as", "alice", "--file", "-", "--config", config],
                            stdin: Array("#priority high\nPlease open the rear cover.\n".utf8))
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdout.contains("1 mail(s) queued, 1 sent"))
        let relayed = try h.waitForMail(h.customer, count: 2)
        #expect(relayed.contains { String(decoding: $0, as: UTF8.self).contains("Please open the rear cover.") })
        let bad = try run(["tickets", "reply", "1", "--as", "alice", "--file", "-", "--config", config],
                          stdin: Array("#priority huge\nHi\n".utf8))
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("maildesk: line 1 \"#priority huge\""))
        #expect(try run(["tickets", "note", "1", "--as", "nobody", "--file", "-", "--config", config], stdin: []).status == 64)
        #expect(try run(["tickets", "close", "99", "--config", config]).status == 65)
        let close = try run(["tickets", "close", "1", "--json", "--config", config])
        #expect(close.status == 0)
        #expect(close.stdout.contains("\"applied\""))

        let show = try run(["customers", "show", h.customer, "--json", "--config", config])
        #expect(show.status == 0)
        #expect(show.stdout.contains("\"organisation\" : \"customer.test\""))
        let export = try run(["customers", "export", h.customer, "--config", config])
        #expect(export.status == 0)
        #expect(export.stdout.contains("Printer jam"))
        let erase = try run(["customers", "erase", h.customer, "--config", config])
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(erase.stdout.hasPrefix("erased \(h.customer): 1 ticket(s)"))
        let again = try run(["customers", "export", h.customer, "--config", config])
        #expect(again.status == 65)
        #expect(again.stderr.contains("holds nothing about"))
        #expect(try run(["customers", "erase", h.customer, "--config", config]).status == 65)
    }
}
