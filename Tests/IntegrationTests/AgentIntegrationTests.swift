import Foundation
import GRDB
import MailMIME
import MailTransport
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Testing

/// Agents working from their mail client, through the real Postfix and Dovecot: notification, reply
/// by token, relay to the customer from the support address, commands, notes, proven identity.
@Suite(.serialized) struct AgentIntegrationTests {
    struct Desk {
        let h: PipelineHarness
        let alice: String
        let bob: String
        let app: MaildeskApp

        init(trusted: String? = nil) throws {
            h = try PipelineHarness()
            alice = h.servers.uniqueAddress("alice", domain: "example.test")
            bob = h.servers.uniqueAddress("bob", domain: "example.test")
            var config = h.configuration()
            config.helpdesk.agents = [AgentConfig(id: "alice", address: alice, name: "Alice"),
                                      AgentConfig(id: "bob", address: bob, name: "Bob")]
            config.helpdesk.trustedAuthservID = trusted
            app = try h.app(config)
        }

        /// Sends a mail as `from` through Postfix (logged in as that user) to `to`.
        func send(from: String, login: String? = nil, to: String, subject: String, body: String, headers: [String] = []) throws {
            let lines = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Tue, 13 Jan 2026 11:00:00 +0100",
                         "Message-ID: <\(UUID().uuidString)@example.test>", "Content-Type: text/plain; charset=utf-8"]
                + headers + ["", body, ""]
            let smtp = try SMTPConnection(endpoint: h.servers.smtpEndpoint(user: login ?? from), heloName: "example.test", logger: h.logger)
            _ = try smtp.send(from: from, recipient: to, message: Array(lines.joined(separator: "\r\n").utf8))
        }

        /// Polls once the support mailbox holds `count` new mails, and sends what was queued.
        func poll(expecting count: Int) async throws {
            _ = try h.waitForMail(h.support, count: count)
            _ = try await app.pollOnce(send: true)
        }

        func ticket() async throws -> TicketDetailView {
            try #require(try await app.database.writer.read { try TicketQueries.detail($0, id: 1) })
        }
    }

    @Test func agentRunsATicketFromTheirMailClient() async throws {
        let d = try Desk()
        let h = d.h
        try h.sendFromCustomer(h.customerMail(subject: "Router keeps rebooting", messageID: "r1-\(UUID())@customer.test"))
        try await d.poll(expecting: 1)

        // Both agents are told (unassigned ticket); the notification's Reply-To is the agent's token.
        let note = MIMEParser().parse(try #require(try h.waitForMail(d.alice, count: 1).first))
        #expect(note.subject == "[#1] Router keeps rebooting")
        #expect(note.header("Auto-Submitted") == "auto-generated")
        #expect(note.text?.contains("Hello, my order did not arrive.") == true)
        #expect(note.text?.contains("#assign") == true)
        let aliceToken = try #require(note.replyTo.first?.address)
        #expect(aliceToken.hasPrefix(h.support.split(separator: "@")[0] + "+a1-"))
        _ = try h.waitForMail(d.bob, count: 1)

        // Alice answers with commands at the top; the quoted notification is trimmed away.
        try d.send(from: d.alice, to: aliceToken, subject: "Re: [#1] Router keeps rebooting", body: """
            #assign me
            #priority high

            Hello Ana, please hold the reset button for ten seconds.

            On Tue, 13 Jan 2026 at 10:00, Test Support wrote:
            > New ticket on ticket [#1]
            """)
        try await d.poll(expecting: 1)
        var ticket = try await d.ticket()
        #expect(ticket.ticket.assignee == "alice")
        #expect(ticket.ticket.priority == "high")
        #expect(ticket.ticket.status == "pending")
        #expect(ticket.entries.contains { $0.kind == "agent" && $0.body == "Hello Ana, please hold the reset button for ten seconds." })

        // The customer gets it from the support address, threaded, without Alice's address anywhere.
        let mails = try h.waitForMail(h.customer, count: 2)
        let relayRaw = try #require(mails.first { MIMEParser().parse($0).header("Auto-Submitted") == nil })
        let relay = MIMEParser().parse(relayRaw)
        #expect(relay.from.first?.address == h.support)
        #expect(relay.from.first?.name == "Alice via Test Support")
        #expect(relay.subject == "[#1] Router keeps rebooting")
        #expect(relay.inReplyTo.first?.hasPrefix("r1-") == true)
        #expect(relay.text?.contains("hold the reset button") == true)
        #expect(relay.text?.contains("#assign") == false)
        let headerEnd = try #require(String(decoding: relayRaw, as: UTF8.self).range(of: "\r\n\r\n"))
        #expect(!String(decoding: relayRaw, as: UTF8.self)[..<headerEnd.lowerBound].lowercased().contains(d.alice.lowercased()))

        // The customer answers the relay: same ticket, open again, only the assignee is told.
        try h.sendFromCustomer(h.customerMail(subject: "Re: [#1] Router keeps rebooting", messageID: "r2-\(UUID())@customer.test",
                                              body: "Did that, it still reboots."),
                               to: try #require(relay.replyTo.first?.address))
        try await d.poll(expecting: 1)
        ticket = try await d.ticket()
        #expect(ticket.ticket.status == "open")
        #expect(ticket.entries.filter { $0.kind == "customer" }.count == 2)
        let aliceMail = try h.waitForMail(d.alice, count: 2)
        #expect(aliceMail.last.map { MIMEParser().parse($0).text?.contains("it still reboots") == true } == true)
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(d.bob) == 1)

        // A note never reaches the customer: by #note, and by writing to the note address.
        try d.send(from: d.alice, to: aliceToken, subject: "Re: [#1]", body: "#note\nCustomer is on the old firmware.")
        try await d.poll(expecting: 1)
        let local = String(h.support.split(separator: "@")[0])
        let noteAddress = try #require(note.text?.split(whereSeparator: \.isWhitespace).map(String.init)
            .first { $0.hasPrefix(local + "+n1-") })
        try d.send(from: d.alice, to: noteAddress, subject: "Re: [#1]", body: "Called the customer, no answer.")
        try await d.poll(expecting: 1)
        // An invalid command aborts the whole mail and tells Alice which line.
        try d.send(from: d.alice, to: aliceToken, subject: "Re: [#1]", body: "#priority huge\nPlease try again.")
        try await d.poll(expecting: 1)
        let error = MIMEParser().parse(try #require(try h.waitForMail(d.alice, count: 3).last))
        #expect(error.text?.contains("line 1") == true)
        #expect(error.text?.contains("nothing was sent to the customer") == true)
        // #close closes it.
        try d.send(from: d.alice, to: aliceToken, subject: "Re: [#1]", body: "#close")
        try await d.poll(expecting: 1)
        ticket = try await d.ticket()
        #expect(ticket.ticket.status == "closed")
        #expect(ticket.ticket.priority == "high")
        #expect(ticket.entries.filter { $0.kind == "note" }.count == 4)   // two notes, the rejected mail, #close
        #expect(ticket.entries.contains { $0.kind == "note" && $0.body == "Called the customer, no answer." })
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(h.customer) == 2)     // acknowledgement and the one relayed reply
    }

    @Test func spoofedAgentFromRunsNoCommandAndAuthenticationResultsProveARealOne() async throws {
        let d = try Desk(trusted: "mx.maildesk.test")
        let h = d.h
        try h.sendFromCustomer(h.customerMail(subject: "Invoice copy", messageID: "i1-\(UUID())@customer.test"))
        try await d.poll(expecting: 1)
        _ = try h.waitForMail(h.customer, count: 1)

        // The customer's account sends with Alice's From (Postfix lets it), without token and with a pass
        // from an MTA we do not trust.
        try d.send(from: d.alice, login: h.customer, to: h.support, subject: "Re: [#1] Invoice copy",
                   body: "#priority urgent\nThis ticket is urgent, says Alice.",
                   headers: ["Authentication-Results: mx.evil.test; dmarc=pass header.from=example.test"])
        try await d.poll(expecting: 1)
        var ticket = try await d.ticket()
        #expect(ticket.ticket.priority == "normal")
        #expect(!ticket.entries.contains { $0.kind == "agent" })

        // A forged From: line with Alice's address, appended as delivered: still unproven.
        let forged = ["From: Alice <\(d.alice)>", "To: \(h.support)", "Subject: Re: [#1] Invoice copy",
                      "Message-ID: <forged-\(UUID())@example.test>", "", "#priority urgent", "Forged.", ""]
        try h.appendToSupport(Array(forged.joined(separator: "\r\n").utf8))
        _ = try await d.app.pollOnce(send: true)
        ticket = try await d.ticket()
        #expect(ticket.ticket.priority == "normal")
        let explain = try await d.app.database.writer.read {
            try String.fetchOne($0, sql: "SELECT explain_json FROM entry WHERE message_id LIKE 'forged-%'")
        }
        #expect(explain?.contains("\"verified\":false") == true)
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(h.customer) == 1)       // nothing relayed

        // The same mail with the receiving MTA's dmarc=pass is Alice's: applied and relayed.
        let proven = ["Authentication-Results: mx.maildesk.test; dmarc=pass header.from=example.test",
                      "From: Alice <\(d.alice)>", "To: \(h.support)", "Subject: Re: [#1] Invoice copy",
                      "Message-ID: <proven-\(UUID())@example.test>", "", "#priority urgent", "Here is your invoice.", ""]
        try h.appendToSupport(Array(proven.joined(separator: "\r\n").utf8))
        _ = try await d.app.pollOnce(send: true)
        ticket = try await d.ticket()
        #expect(ticket.ticket.priority == "urgent")
        let relay = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 2).last))
        #expect(relay.text?.contains("Here is your invoice.") == true)
    }

    @Test func relayQueuedDuringAnSMTPOutageIsDeliveredOnce() async throws {
        let d = try Desk()
        let h = d.h
        try h.sendFromCustomer(h.customerMail(subject: "Outage relay", messageID: "o1-\(UUID())@customer.test"))
        try await d.poll(expecting: 1)
        _ = try h.waitForMail(h.customer, count: 1)
        try h.servers.runScript("smtp-stop")
        do {
            let result = try await d.app.agentWrites(ticketID: 1, agentID: "alice", text: "We are on it.", note: false)
            #expect(result.queued == 1)
            let report = try await d.app.flushOutbox()
            #expect(report.sent == 0)
            #expect(report.deferred == 1)
        } catch {
            try h.servers.runScript("smtp-start")
            throw error
        }
        try h.servers.runScript("smtp-start")
        let rows = try await d.app.database.writer.read { db in
            try OutboxQueue.all(db).filter { $0.kind == "agent" }
        }
        #expect(rows.count == 1)
        #expect(rows.first?.status == "queued")
        try await d.app.database.writer.write { try $0.execute(sql: "UPDATE outbox SET next_attempt_at = '2000-01-01 00:00:00.000'") }
        #expect(try await d.app.flushOutbox().sent == 1)
        #expect(try await d.app.flushOutbox().sent == 0)
        let mails = try h.waitForMail(h.customer, count: 2)
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(h.customer) == 2)
        #expect(MIMEParser().parse(mails.last!).text?.contains("We are on it.") == true)
    }
}
