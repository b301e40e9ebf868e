import Foundation
import GRDB
import MailMIME
import MaildeskServices
import MaildeskStore
import Testing

/// Conversations through the real Postfix and Dovecot: who may join a ticket, duplicates, closed
/// tickets, and a robot answering our acknowledgement.
@Suite(.serialized) struct ConversationIntegrationTests {
    func mail(from: String, to: String, cc: String? = nil, subject: String, id: String,
              headers: [String] = [], body: String = "Hello.") -> [UInt8] {
        var lines = ["From: \(from)", "To: \(to)"]
        if let cc { lines.append("Cc: \(cc)") }
        lines += ["Subject: \(subject)", "Date: Tue, 13 Jan 2026 10:00:00 +0100", "Message-ID: <\(id)>"] + headers + ["", body, ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    func rules(_ app: MaildeskApp) async throws -> [String] {
        try await app.database.writer.read { try String.fetchAll($0, sql: "SELECT thread_rule || ':' || ticket_id FROM entry WHERE kind IN ('customer', 'machine') ORDER BY id") }
    }

    @Test func ccColleagueJoinsStrangerDoesNotDuplicateIsIgnoredClosedReopens() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        let colleague = h.servers.uniqueAddress("colleague", domain: "customer.test")
        let stranger = h.servers.uniqueAddress("stranger", domain: "example.test")
        let first = mail(from: h.customer, to: h.support, cc: colleague, subject: "VPN down", id: "c1-\(UUID())@customer.test")
        try h.sendFromCustomer(first)
        _ = try h.waitForMail(h.support, count: 1)
        #expect(try await app.pollOnce(send: true).poll.newTickets == 1)

        // The copied colleague answers with the tag: a participant, so it joins ticket 1.
        try h.sendFromCustomer(mail(from: colleague, to: h.support, subject: "Re: [#1] VPN down", id: "c2-\(UUID())@customer.test"))
        // A stranger quoting the tag gets a ticket of their own.
        try h.sendFromCustomer(mail(from: stranger, to: h.support, subject: "Re: [#1] VPN down", id: "c3-\(UUID())@example.test"))
        _ = try h.waitForMail(h.support, count: 2)
        _ = try await app.pollOnce(send: true)
        // The very same mail delivered again (e.g. re-listed by the server): no new entry.
        try h.sendFromCustomer(first)
        _ = try h.waitForMail(h.support, count: 1)
        let again = try await app.pollOnce(send: true)
        #expect(again.poll.duplicates == 1)

        let seen = try await rules(app)
        #expect(seen.count == 3)
        #expect(seen.contains("subject_tag:1"))
        #expect(seen.contains("new:2"))

        // A reply to a closed ticket reopens it.
        try await app.database.writer.write { try $0.execute(sql: "UPDATE ticket SET status = 'closed' WHERE id = 1") }
        try h.sendFromCustomer(mail(from: h.customer, to: h.support, subject: "Re: [#1] VPN down", id: "c4-\(UUID())@customer.test",
                                    body: "It is down again."))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await app.pollOnce(send: true)
        let status = try await app.database.writer.read { try String.fetchOne($0, sql: "SELECT status FROM ticket WHERE id = 1") }
        #expect(status == "open")
    }

    @Test func outOfOfficeRobotAnsweringOurAcknowledgementGetsNothingBack() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        try h.sendFromCustomer(mail(from: h.customer, to: h.support, subject: "Printer", id: "p1-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await app.pollOnce(send: true)
        let ack = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 1).first))
        let ackID = try #require(ack.messageID)
        // The customer's out-of-office answers our acknowledgement, three times.
        for n in 1...3 {
            try h.sendFromCustomer(mail(from: h.customer, to: try #require(ack.replyTo.first?.address),
                                        subject: "Automatic reply: [#1] Printer", id: "ooo\(n)-\(UUID())@customer.test",
                                        headers: ["Auto-Submitted: auto-replied", "In-Reply-To: <\(ackID)>"]))
        }
        _ = try h.waitForMail(h.support, count: 3)
        let (poll, sent) = try await app.pollOnce(send: true)
        #expect(poll.followUps == 3)
        #expect(poll.queuedMail == 0)
        #expect(sent?.sent == 0)
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(h.customer) == 1)   // only the one acknowledgement, ever
    }

    @Test func gmailReplyIsTrimmedAndForwardByOutsiderIsANewTicket() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        let firstID = "g1-\(UUID())@customer.test"
        try h.sendFromCustomer(mail(from: h.customer, to: h.support, subject: "Export broken", id: firstID,
                                    body: "The CSV export is empty since Monday."))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await app.pollOnce(send: true)
        let ack = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 1).first))
        let ackID = try #require(ack.messageID)
        let gmail = """
            From: \(h.customer)\r
            To: \(try #require(ack.replyTo.first?.address))\r
            Subject: Re: [#1] Export broken\r
            Message-ID: <g2-\(UUID())@customer.test>\r
            In-Reply-To: <\(ackID)>\r
            References: <\(firstID)> <\(ackID)>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="gm"\r
            \r
            --gm\r
            Content-Type: text/plain; charset="UTF-8"\r
            \r
            It works again, thanks!\r
            \r
            On Tue, Jan 13, 2026 at 10:05 AM Test Support <\(h.support)> wrote:\r
            \r
            > Hello, thank you for writing.\r
            --gm\r
            Content-Type: text/html; charset="UTF-8"\r
            \r
            <div dir="ltr">It works again, thanks!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Jan 13, 2026 at 10:05 AM Test Support wrote:<br></div><blockquote class="gmail_quote">Hello, thank you for writing.</blockquote></div>\r
            --gm--\r

            """
        try h.sendFromCustomer(Array(gmail.utf8))
        // A colleague of nobody on the ticket forwards the conversation to support.
        let outsider = h.servers.uniqueAddress("outsider", domain: "example.test")
        try h.sendFromCustomer(mail(from: outsider, to: h.support, subject: "Fwd: [#1] Export broken", id: "f1-\(UUID())@example.test",
                                    body: "FYI, same here.\r\n\r\n---------- Forwarded message ---------\r\nFrom: \(h.customer)\r\nSubject: Export broken\r\n\r\nThe CSV export is empty since Monday."))
        _ = try h.waitForMail(h.support, count: 2)
        _ = try await app.pollOnce(send: true)

        let detail = try #require(try await app.database.writer.read { try TicketQueries.detail($0, id: 1) })
        let reply = try #require(detail.entries.last { $0.kind == "customer" })
        #expect(reply.body == "It works again, thanks!")
        #expect(reply.fullBody.contains("wrote:"))
        let forwarded = try await app.database.writer.read {
            try Row.fetchOne($0, sql: "SELECT ticket_id, thread_rule, explain_json FROM entry WHERE from_json LIKE ?", arguments: ["%\(outsider)%"])
        }
        #expect((forwarded?["ticket_id"] as Int64?) == 2)
        #expect((forwarded?["explain_json"] as String?)?.contains("not a participant") == true)
    }
}
