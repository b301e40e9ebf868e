import Foundation
import Testing

/// `[outbox] directory` through the binary: a reply to a customer whose local part is 300 characters is
/// written (the name is bounded), and an outbox "directory" that is a file fails the row at once with the
/// reason instead of deferring it forever.
@Suite(.serialized) struct OutboxDirectoryCLITests {
    func outboxRows(_ site: LocalSite, status: String) throws -> [[String: Any]] {
        let list = try site.run(["outbox", "list", "--json", "--status", status])
        #expect(list.status == 0, "\(list.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        return try #require(json?["outbox"] as? [[String: Any]], "\(list.stdout)")
    }

    @Test func replyToA300CharacterLocalPartIsWritten() throws {
        let site = try LocalSite(extra: "\n[[helpdesk.agents]]\nid = \"alice\"\naddress = \"alice@maildesk.test\"\nname = \"Alice\"\n")
        let customer = String(repeating: "x", count: 300) + "@example.org"
        #expect(try site.run(["ingest"], stdin: LocalSite.mail(from: customer)).status == 0)
        let reply = try site.run(["tickets", "reply", "1", "--as", "alice", "--file", "-"], stdin: Array("Try this.\n".utf8))
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdout.contains("1 sent"), "\(reply.stdout)")
        // The acknowledgement (once the address is accepted for one) and the reply both go to the customer.
        let names = try FileManager.default.contentsOfDirectory(atPath: site.outbox).filter { $0.contains("-xxxxxxxx") }
        #expect(!names.isEmpty && names.allSatisfy { $0.utf8.count <= 255 && $0.hasSuffix(".eml") }, "\(names)")
        let texts = try names.map { try String(contentsOfFile: site.outbox + "/" + $0, encoding: .utf8) }
        #expect(texts.contains { $0.contains("Try this.") }, "\(texts)")
        #expect(try outboxRows(site, status: "sent").contains { $0["to"] as? String == customer })
    }

    @Test func outboxThatIsAFileFailsTheRowWithTheReason() throws {
        let site = try LocalSite()
        try FileManager.default.createDirectory(atPath: site.root + "/state", withIntermediateDirectories: true)
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: site.outbox))
        let ingest = try site.run(["ingest"], stdin: LocalSite.mail())
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let failed = try outboxRows(site, status: "failed")
        #expect(failed.count == 1, "\(failed)")
        let reason = failed.first?["last_error"] as? String ?? ""
        #expect(reason.contains(site.outbox) && reason.contains("Not a directory"), "\(reason)")
        #expect(try outboxRows(site, status: "deferred").isEmpty)
    }
}
