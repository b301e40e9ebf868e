import Foundation
import GRDB
import MaildeskServices
import MaildeskStore
import Testing

/// The real pipeline over the crafted demo Maildir (what `make demo` runs).
@Suite struct DemoPipelineTests {
    @Test func demoMaildirBecomesTickets() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state, maildir: TestSupport.demoMaildir)
        let (poll, sent) = try await app.pollOnce(send: true)
        #expect(poll.fetched == 12)
        #expect(poll.quarantined == 0)
        #expect(sent?.sent == 7)

        let tickets = try await app.database.writer.read { try TicketQueries.list($0, filter: TicketFilter()) }
        let first = try #require(try await app.database.writer.read { try TicketQueries.detail($0, id: 1) })
        #expect(first.ticket.customer.address == "alice.customer@customer.test")
        #expect(first.entries.filter { $0.kind == "customer" }.count == 3)
        #expect(first.entries.filter { $0.kind == "acknowledgement" }.count == 1)
        // The follow-up quoting the first mail: the entry shows the new words, the full text stays.
        let followUp = try #require(first.entries.first { $0.body.contains("Forgot to add") })
        #expect(!followUp.body.contains("wrote:"))
        #expect(followUp.fullBody.contains("wrote:"))
        let explained = try #require(try await app.database.writer.read { try ExplainQueries.explain($0, id: "\(followUp.id)") })
        #expect(explained.explanation["trim"] != nil && explained.explanation["trim"] != .null)

        // Seven human tickets are acknowledged; machine mail never is.
        let files = try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }
        #expect(files.count == 7)
        let humanTickets = tickets.filter { $0.customer.address != "mailer-daemon@customer.test" }
        #expect(humanTickets.count >= 7)

        // The HTML-only mail has text; the attachment mail lists its files.
        let carol = try #require(tickets.first { $0.customer.address == "carol@example.test" })
        let carolDetail = try #require(try await app.database.writer.read { try TicketQueries.detail($0, id: carol.id) })
        #expect(!(carolDetail.entries.first?.body.isEmpty ?? true))
        let withFiles = try await app.database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM attachment") ?? 0
        }
        #expect(withFiles >= 2)

        // A second poll finds nothing new and sends nothing twice.
        let (again, sentAgain) = try await app.pollOnce(send: true)
        #expect(again.fetched == 0)
        #expect(sentAgain?.sent == 0)
    }

    @Test func acknowledgementHasLoopSafeHeadersAndThreads() async throws {
        let state = try TestSupport.temporaryDirectory()
        let maildir = try TestSupport.makeMaildir(in: state, [
            TestSupport.mail(from: "Ana <ana@customer.test>", subject: "Printer on fire", messageID: "m1@customer.test"),
        ])
        let app = try TestSupport.app(state: state, maildir: maildir)
        _ = try await app.pollOnce(send: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }
        let ack = try String(contentsOfFile: state + "/outbox/" + #require(files.first), encoding: .utf8)
        #expect(ack.contains("Subject: [#1] Printer on fire"))
        #expect(ack.contains("In-Reply-To: <m1@customer.test>"))
        #expect(ack.contains("References: <m1@customer.test>"))
        #expect(ack.contains("Auto-Submitted: auto-replied"))
        #expect(ack.contains("From: \"Test Support\" <support@maildesk.test>") || ack.contains("From: Test Support <support@maildesk.test>"))
    }
}
