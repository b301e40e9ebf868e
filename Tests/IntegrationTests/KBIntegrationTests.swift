import Foundation
import GRDB
import MailMIME
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Testing

/// The knowledge base through the real Postfix and Dovecot: an auto-answer the customer receives and
/// closes with "solved", and an unanswerable question acknowledged with suggestions for the agent.
@Suite(.serialized) struct KBIntegrationTests {
    static let articles = [
        "reset-password.md": """
            ---
            title: Reset your password
            category: account
            questions:
              - I forgot my password
              - How can I reset my password?
            ---
            Open **Settings → Security** and choose *Reset password*. The link is valid for one hour.
            """,
        "refund-zh.md": """
            ---
            title: 如何申请退款
            category: billing
            language: zh
            questions: [我想退款, 退款多久到账]
            ---
            在订单页面点击“申请退款”。
            """,
    ]

    static func writeKB(in state: String, _ files: [String: String] = articles) throws -> String {
        let dir = state + "/kb"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    struct Desk {
        let h: PipelineHarness
        let agent: String
        let app: MaildeskApp

        init() throws {
            h = try PipelineHarness()
            agent = h.servers.uniqueAddress("agent", domain: "example.test")
            var config = h.configuration()
            config.helpdesk.agents = [AgentConfig(id: "alice", address: agent, name: "Alice")]
            config.kb = KBConfig(directory: try KBIntegrationTests.writeKB(in: h.state), threshold: 0.9)
            app = try h.app(config)
        }

        func ticket() async throws -> TicketDetailView {
            try #require(try await app.database.writer.read { try TicketQueries.detail($0, id: 1) })
        }
    }

    @Test func answeredByMailThenClosedBySolved() async throws {
        let d = try Desk()
        let h = d.h
        try h.sendFromCustomer(h.customerMail(subject: "Login trouble", messageID: "kb1-\(UUID())@customer.test",
                                              body: "Hello,\r\nsince yesterday the login fails. I forgot my password.\r\nCan you help?\r\nAna"))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await d.app.pollOnce(send: true)
        #expect(try await d.ticket().ticket.status == "answered")

        // The customer receives the article: text and HTML alternatives, loop-safe headers.
        let raw = try #require(try h.waitForMail(h.customer, count: 1).first)
        let answer = MIMEParser().parse(raw)
        #expect(answer.subject == "[#1] Login trouble")
        #expect(answer.header("Auto-Submitted") == "auto-replied")
        #expect(answer.text?.contains("Reset your password") == true)
        #expect(answer.text?.contains("reply with \"solved\"") == true)
        #expect(answer.html?.contains("<strong>Settings → Security</strong>") == true)
        #expect(try h.messageCount(d.agent) == 0, "an auto-answered ticket does not page the agents")

        // "solved, thanks" closes the ticket, and nothing more is sent.
        try h.sendFromCustomer(h.customerMail(subject: "Re: [#1] Login trouble", messageID: "kb2-\(UUID())@customer.test",
                                              inReplyTo: answer.messageID, body: "solved, thanks"))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await d.app.pollOnce(send: true)
        let closed = try await d.ticket()
        #expect(closed.ticket.status == "closed")
        #expect(closed.entries.map(\.kind) == ["customer", "auto_answer", "customer", "system"])
        #expect(try h.messageCount(h.customer) == 1)
        #expect(try h.messageCount(d.agent) == 0)
    }

    @Test func unanswerableQuestionIsAcknowledgedWithSuggestionsForTheAgent() async throws {
        let d = try Desk()
        let h = d.h
        try h.sendFromCustomer(h.customerMail(subject: "Account settings", messageID: "kb3-\(UUID())@customer.test",
                                              body: "Since the update my account settings page shows another language."))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await d.app.pollOnce(send: true)
        let detail = try await d.ticket()
        #expect(detail.ticket.status == "open")
        #expect(detail.entries.contains { $0.kind == "acknowledgement" })

        let ack = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 1).first))
        #expect(ack.text?.contains("We have received your message") == true)
        #expect(ack.html == nil)
        let notice = MIMEParser().parse(try #require(try h.waitForMail(d.agent, count: 1).first))
        #expect(notice.text?.contains("Suggested knowledge-base articles:") == true)
        #expect(notice.text?.contains("reset-password  Reset your password (confidence ") == true)
    }

    @Test func kbCommandsThroughTheBinary() throws {
        let cli = CLIIntegrationTests()
        let h = try PipelineHarness()
        let config = try cli.writeConfig(h)
        let kb = try Self.writeKB(in: h.state)

        let imported = try cli.run(["kb", "import", kb, "--json", "--config", config])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\"added\""))
        let again = try cli.run(["kb", "import", kb, "--config", config])
        #expect(again.stdout.contains("0 added, 0 updated, 0 removed, 2 unchanged"), "\(again.stdout)")

        let search = try cli.run(["kb", "search", "退款多久能到账", "--json", "--config", config])
        #expect(search.status == 0, "\(search.stderr)")
        let results = try #require((try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.first?["id"] as? String == "refund-zh")
        #expect(Set(results.first?.keys.map { $0 } ?? []) == ["id", "title", "score", "confidence"])

        let show = try cli.run(["kb", "show", "reset-password", "--config", config])
        #expect(show.stdout.contains("Reset your password"))
        let missing = try cli.run(["kb", "show", "nope", "--config", config])
        #expect(missing.status == 65)

        try "---\ntitle: [broken\n---\nx".write(toFile: kb + "/bad.md", atomically: true, encoding: .utf8)
        let broken = try cli.run(["kb", "import", kb, "--config", config])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("bad.md: invalid YAML front matter"), "\(broken.stderr)")
        #expect(broken.stderr.split(separator: "\n").count == 1)
        try FileManager.default.removeItem(atPath: kb + "/bad.md")

        let queries = h.state + "/queries.csv"
        try "text,expected\nI forgot my password,reset-password\n我想退款,refund-zh\nhow do I bake bread,\n"
            .write(toFile: queries, atomically: true, encoding: .utf8)
        let eval = try cli.run(["kb", "eval", "--kb", kb, "--queries", queries, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        for key in ["queries", "answered", "correct", "precision", "coverage", "out_of_scope_answered", "threshold"] {
            #expect(figures.keys.contains(key), "missing \(key)")
        }
        #expect(figures["queries"] as? Int == 3)
        let noFile = try cli.run(["kb", "eval", "--kb", kb, "--queries", h.state + "/none.csv"])
        #expect(noFile.status == 65)
    }
}
