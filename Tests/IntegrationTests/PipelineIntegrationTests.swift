import Foundation
import GRDB
import MailMIME
import MailTransport
import MaildeskServices
import MaildeskStore
import Testing

/// A real customer mail travels Postfix → Dovecot → maildesk → Postfix → the customer's mailbox.
@Suite(.serialized) struct PipelineIntegrationTests {
    @Test func customerMailBecomesTicketAndReplyJoinsIt() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        let firstID = "first-\(UUID().uuidString)@customer.test"
        try h.sendFromCustomer(h.customerMail(subject: "Where is my order?", messageID: firstID))
        _ = try h.waitForMail(h.support, count: 1)

        let (poll, sent) = try await app.pollOnce(send: true)
        #expect(poll.newTickets == 1)
        #expect(sent?.sent == 1)
        #expect(try h.messageCount(h.support) == 0)            // moved to Processed
        #expect(try h.messageCount(h.support, mailbox: "Processed") == 1)

        let ack = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 1).first))
        #expect(ack.subject == "[#1] Where is my order?")
        #expect(ack.inReplyTo == [firstID])
        #expect(ack.references == [firstID])
        #expect(ack.header("Auto-Submitted") == "auto-replied")
        #expect(ack.from.first?.address == h.support)
        let ackID = try #require(ack.messageID)

        try h.sendFromCustomer(h.customerMail(subject: "Re: [#1] Where is my order?", messageID: "second-\(UUID())@customer.test",
                                              inReplyTo: ackID, references: [firstID, ackID],
                                              body: "Order number is 4711."))
        _ = try h.waitForMail(h.support, count: 1)
        let (again, sentAgain) = try await app.pollOnce(send: true)
        #expect(again.followUps == 1)
        #expect(again.newTickets == 0)
        #expect(sentAgain?.sent == 0)
        let detail = try #require(try await app.database.writer.read { try TicketQueries.detail($0, id: 1) })
        #expect(detail.entries.filter { $0.kind == "customer" }.count == 2)
        #expect(detail.entries.filter { $0.kind == "acknowledgement" }.count == 1)
    }

    @Test func wrongCAIsAClearTLSErrorAndMarksNothing() async throws {
        let h = try PipelineHarness()
        try h.sendFromCustomer(h.customerMail(subject: "TLS", messageID: "tls-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1)
        let bad = try h.app(h.configuration(caFile: h.servers.wrongCAFile))
        do {
            _ = try await bad.pollOnce(send: false)
            Issue.record("poll with a wrong CA succeeded")
        } catch let error as TransportError {
            #expect(error.kind == .tls)
            #expect(error.description.lowercased().contains("certificate"))
        }
        #expect(try h.messageCount(h.support) == 1)
        let good = try h.app(h.configuration(implicitTLS: false))  // imap:// with STARTTLS, right CA
        let (poll, _) = try await good.pollOnce(send: false)
        #expect(poll.newTickets == 1)
    }

    @Test func crashAfterCommitBeforeFlaggingThenRerunHasNoDuplicates() async throws {
        let h = try PipelineHarness()
        for n in 1...3 { try h.appendToSupport(h.customerMail(subject: "Crash \(n)", messageID: "crash-\(n)-\(UUID())@customer.test")) }
        let crashing = try h.app(hooks: .init(imapAfterCommit: { throw SimulatedCrash(point: "after commit") }))
        await #expect(throws: SimulatedCrash.self) { _ = try await crashing.pollOnce(send: false) }
        #expect(try h.messageCount(h.support) == 3)            // committed, but not yet moved

        let rerun = try h.app()
        let (poll, _) = try await rerun.pollOnce(send: false)
        #expect(poll.fetched == 0)
        #expect(try h.messageCount(h.support) == 0)            // the rerun finished the server side
        #expect(try h.messageCount(h.support, mailbox: "Processed") == 3)
        let counts = try await rerun.database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE kind = 'customer'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0)
        }
        #expect(counts.0 == 3)
        #expect(counts.1 == 3)
        #expect(counts.2 == 3)
    }

    @Test func lostCheckpointRescanRecognisesDuplicates() async throws {
        let h = try PipelineHarness()
        for n in 1...2 { try h.appendToSupport(h.customerMail(subject: "Rescan \(n)", messageID: "rescan-\(n)-\(UUID())@customer.test")) }
        let app = try h.app(h.configuration(processedFolder: nil))
        #expect(try await app.pollOnce(send: false).poll.newTickets == 2)
        // As after a UIDVALIDITY change: the mailbox position is forgotten, the mail is still there.
        try await app.database.writer.write { db in
            try db.execute(sql: "DELETE FROM checkpoint")
            try db.execute(sql: "UPDATE ingest_record SET uid_validity = uid_validity + 1")
        }
        let (poll, _) = try await app.pollOnce(send: false)
        #expect(poll.fetched == 2)
        #expect(poll.duplicates == 2)
        #expect(poll.newTickets == 0)
        #expect(try h.messageCount(h.support) == 2)            // \Seen is not state: nothing hidden
    }

    @Test func smtpOutageKeepsAcknowledgementQueuedThenDeliversOnce() async throws {
        let h = try PipelineHarness()
        let clock = ManualClock()
        var hooks = MaildeskApp.Hooks()
        hooks.clock = clock.closure
        let app = try h.app(hooks: hooks)
        try h.appendToSupport(h.customerMail(subject: "Outage", messageID: "outage-\(UUID())@customer.test"))
        try h.servers.runScript("smtp-stop")
        let report: OutboxSender.Report
        do {
            report = try await app.pollOnce(send: true).sent ?? OutboxSender.Report()
        } catch {
            try h.servers.runScript("smtp-start")
            throw error
        }
        try h.servers.runScript("smtp-start")
        #expect(report.deferred == 1)
        #expect(report.sent == 0)
        let row = try #require(try await app.database.writer.read { try OutboxQueue.all($0).first })
        #expect(row.status == "queued")
        #expect(row.lastError != nil)

        #expect(try await app.flushOutbox().sent == 0)         // not due yet
        clock.advance(3600)
        #expect(try await app.flushOutbox().sent == 1)
        #expect(try await app.flushOutbox().sent == 0)
        _ = try h.waitForMail(h.customer, count: 1)
        try await Task.sleep(for: .seconds(1))
        #expect(try h.messageCount(h.customer) == 1)
    }

    @Test func malformedAndHugeMessagesDoNotBlockOthers() async throws {
        let h = try PipelineHarness()
        let garbage: [UInt8] = Array("\u{0}\u{1}Garbage without headers\r\n--\r\n".utf8) + (0..<2048).map { UInt8($0 % 256) }
        var huge = h.customerMail(subject: "Huge", messageID: "huge-\(UUID())@customer.test",
                                  extraHeaders: [], body: "")
        huge.removeLast(2)
        let line = Array(String(repeating: "QUJD", count: 19).utf8) + [13, 10]
        huge += Array(repeating: line, count: 20 * 1024 * 1024 / line.count).flatMap { $0 }
        try h.appendToSupport(garbage)
        try h.appendToSupport(huge)
        try h.appendToSupport(h.customerMail(subject: "Normal", messageID: "normal-\(UUID())@customer.test"))
        let app = try h.app()
        let (poll, _) = try await app.pollOnce(send: false)
        #expect(poll.fetched == 3)
        #expect(poll.newTickets + poll.quarantined == 3)
        let subjects = try await app.database.writer.read { try String.fetchAll($0, sql: "SELECT subject FROM ticket") }
        #expect(subjects.contains("Normal"))
        #expect(subjects.contains("Huge"))
        #expect(try h.messageCount(h.support) == 0)
    }

    @Test func autoRepliedMailIsStoredWithoutAcknowledgement() async throws {
        let h = try PipelineHarness()
        try h.sendFromCustomer(h.customerMail(subject: "Automatic reply: Out of office", messageID: "ooo-\(UUID())@customer.test",
                                              extraHeaders: ["Auto-Submitted: auto-replied"]))
        _ = try h.waitForMail(h.support, count: 1)
        let app = try h.app()
        let (poll, sent) = try await app.pollOnce(send: true)
        #expect(poll.fetched == 1)
        #expect(poll.queuedMail == 0)
        #expect(sent?.sent == 0)
        let kinds = try await app.database.writer.read { try String.fetchAll($0, sql: "SELECT kind FROM entry") }
        #expect(kinds == ["machine"])
    }

    @Test func replyToTokenAddressThroughPostfixAndOutlookThreadIndex() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        let index = Data([1, 0xD9, 0, 0, 0, 1] + Array(repeating: 0x5A, count: 16)).base64EncodedString()
        try h.sendFromCustomer(h.customerMail(subject: "Invoice", messageID: "inv-\(UUID())@customer.test",
                                              extraHeaders: ["Thread-Index: \(index)"]))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await app.pollOnce(send: true)
        let ack = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 1).first))
        let token = try #require(ack.replyTo.first?.address)
        #expect(token.hasPrefix(h.support.split(separator: "@")[0] + "+"))

        // The customer answers the Reply-To: Postfix delivers support+token@ to the support mailbox.
        try h.sendFromCustomer(h.customerMail(subject: "no tag, no references", messageID: "tok-\(UUID())@customer.test"),
                               to: token)
        // Outlook reply: References stripped, Thread-Index kept (same conversation GUID, one more level).
        let deeper = Data([1, 0xD9, 0, 0, 0, 1] + Array(repeating: 0x5A, count: 16) + [0, 0, 0, 0, 1]).base64EncodedString()
        try h.sendFromCustomer(h.customerMail(subject: "RE: Invoice", messageID: "ol-\(UUID())@customer.test",
                                              extraHeaders: ["Thread-Index: \(deeper)"]))
        _ = try h.waitForMail(h.support, count: 2)
        let (poll, _) = try await app.pollOnce(send: false)
        #expect(poll.followUps == 2)
        #expect(poll.newTickets == 0)
        let rules = try await app.database.writer.read {
            try String.fetchAll($0, sql: "SELECT thread_rule FROM entry WHERE kind = 'customer' ORDER BY id")
        }
        #expect(rules.first == "new")
        #expect(Set(rules.dropFirst()) == ["token", "thread_index"])  // Postfix may deliver either first
    }

    @Test func missingProcessedFolderIsCreated() async throws {
        let h = try PipelineHarness()
        try h.appendToSupport(h.customerMail(subject: "Folder", messageID: "folder-\(UUID())@customer.test"))
        let app = try h.app(h.configuration(processedFolder: "Archive/maildesk-\(UInt16.random(in: 0...9999))"))
        let (poll, _) = try await app.pollOnce(send: false)
        #expect(poll.newTickets == 1)
        #expect(try h.messageCount(h.support) == 0)
    }

    @Test func bounceToVERPEnvelopeSenderAttachesToTicket() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        try h.sendFromCustomer(h.customerMail(subject: "Will bounce", messageID: "vb-\(UUID())@customer.test"))
        _ = try h.waitForMail(h.support, count: 1)
        _ = try await app.pollOnce(send: true)
        let ack = MIMEParser().parse(try #require(try h.waitForMail(h.customer, count: 1).first))
        let verp = try #require(try await app.database.writer.read { try OutboxQueue.all($0).first?.envelopeFrom })
        #expect(verp.hasPrefix(h.support.split(separator: "@")[0] + "+b1-"))
        #expect(ack.header("Return-Path")?.contains(verp) == true)     // the MTA saw our VERP sender

        let dsn = """
            From: MAILER-DAEMON@customer.test\r
            To: \(verp)\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <dsn-\(UUID())@customer.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r
            \r
            --r\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.customer.test\r
            \r
            Final-Recipient: rfc822; \(h.customer)\r
            Action: failed\r
            Status: 5.1.1\r
            \r
            --r--\r

            """
        try h.sendFromCustomer(Array(dsn.utf8), to: verp)
        _ = try h.waitForMail(h.support, count: 1)
        let (poll, sent) = try await app.pollOnce(send: true)
        #expect(poll.followUps == 1)
        #expect(sent?.sent == 0)
        let kinds = try await app.database.writer.read { try String.fetchAll($0, sql: "SELECT kind FROM entry ORDER BY id") }
        #expect(kinds == ["customer", "acknowledgement", "bounce"])
    }

    /// Postfix accepts the acknowledgement for a bad address, fails delivery and sends a real DSN to our
    /// VERP envelope sender; the next poll attaches it and blocks the address.
    @Test func realPostfixBounceOfAnAcknowledgement() async throws {
        let h = try PipelineHarness()
        let app = try h.app()
        let bad = "nobody-\(UInt32.random(in: 0...UInt32.max))@bounce.test"
        try h.appendToSupport(Array(String(decoding: h.customerMail(subject: "From a bad address", messageID: "bad-\(UUID())@bounce.test"),
                                           as: UTF8.self).replacingOccurrences(of: h.customer, with: bad).utf8))
        let (poll, sent) = try await app.pollOnce(send: true)
        #expect(poll.newTickets == 1)
        #expect(sent?.sent == 1)                       // Postfix took it …
        let dsnRaw = try #require(try h.waitForMail(h.support, count: 1, timeout: 30).first)
        let dsn = MIMEParser().parse(dsnRaw)           // … and bounced it to our VERP address
        #expect(dsn.root.contentType == "multipart/report")
        let (again, _) = try await app.pollOnce(send: true)
        #expect(again.followUps == 1)
        let (kinds, outbox, blocked) = try await app.database.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT kind FROM entry ORDER BY id"),
             try String.fetchOne(db, sql: "SELECT status FROM outbox ORDER BY id LIMIT 1"),
             try String.fetchOne(db, sql: "SELECT status FROM undeliverable WHERE address = ?", arguments: [bad]))
        }
        #expect(kinds == ["customer", "acknowledgement", "bounce"])
        #expect(outbox == "bounced")
        #expect(blocked == "5.1.1")
    }
}
