import Foundation
import MaildeskTestSupport
import Testing

/// `explain ID --json` carries the `agent` key the text output and docs/agents.md promise: null for a
/// mail that is no agent's, else the agent id and how it was proven (or why not).
@Suite struct ExplainAgentCLITests {
    static let agentAddress = "alice.agent@maildesk.test"

    static func site() throws -> CLISite {
        let site = try CLISite(
            messages: [
                MaildirFixtures.mail(from: "Bob <bob@example.com>", subject: "Printer on fire", messageID: "customer@example.com"),
                MaildirFixtures.mail(from: "Alice <\(agentAddress)>", subject: "Proven", messageID: "proven@maildesk.test",
                                 extraHeaders: ["Authentication-Results: mx.maildesk.test; dmarc=pass header.from=maildesk.test"]),
                MaildirFixtures.mail(from: "Alice <\(agentAddress)>", subject: "Unproven", messageID: "unproven@maildesk.test"),
            ],
            helpdesk: "trusted_authserv_id = \"mx.maildesk.test\"",
            tail: "[[helpdesk.agents]]\nid = \"alice\"\naddress = \"\(agentAddress)\"\nname = \"Alice Agent\"\n")
        try site.poll()
        return site
    }

    static func explain(_ site: CLISite, _ id: String) throws -> [String: Any] {
        let result = try site.run(["explain", id, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func customerMailHasANullAgent() throws {
        let site = try Self.site()
        let json = try Self.explain(site, "customer@example.com")
        #expect(json.keys.contains("agent"), "keys: \(json.keys.sorted())")
        #expect(json["agent"] is NSNull)
    }

    @Test func agentMailNamesTheAgentAndHowItWasProven() throws {
        let site = try Self.site()
        let proven = try #require(try Self.explain(site, "proven@maildesk.test")["agent"] as? [String: Any])
        #expect(proven["id"] as? String == "alice")
        #expect(proven["verified"] as? Bool == true)
        #expect((proven["how"] as? String)?.contains("dmarc=pass") == true, "\(proven)")

        let unproven = try #require(try Self.explain(site, "unproven@maildesk.test")["agent"] as? [String: Any])
        #expect(unproven["id"] as? String == "alice")
        #expect(unproven["verified"] as? Bool == false)
        #expect((unproven["why"] as? String)?.isEmpty == false, "\(unproven)")

        // The text output says the same.
        let text = try site.run(["explain", "proven@maildesk.test"])
        #expect(text.stdout.contains("agent: alice (proven: "), "\(text.stdout)")
    }
}
