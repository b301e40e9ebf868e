import Foundation
import GRDB
import MaildeskServices
import MaildeskStore
import Testing

/// Bounces of our own mail reach the signed VERP envelope sender and attach to the right ticket.
@Suite struct BounceTests {
    static func dsn(to verp: String, failed: String, status: String) -> [UInt8] {
        let text = """
            From: MAILER-DAEMON@customer.test\r
            To: \(verp)\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <dsn-\(UUID().uuidString)@customer.test>\r
            Date: Tue, 13 Jan 2026 09:00:00 +0100\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r
            \r
            --r\r
            Content-Type: text/plain\r
            \r
            Your message could not be delivered.\r
            --r\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.customer.test\r
            \r
            Final-Recipient: rfc822; \(failed)\r
            Action: failed\r
            Status: \(status)\r
            Diagnostic-Code: smtp; 550 \(status) user unknown\r
            \r
            --r--\r

            """
        return Array(text.utf8)
    }

    @Test func permanentBounceAttachesBlocksAndDoesNotReopen() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "gone@customer.test", subject: "Hi", messageID: "g1@customer.test"))
        let row = try #require(try await app.database.writer.read { try OutboxQueue.all($0).first })
        #expect(row.envelopeFrom.hasPrefix("support+b1-"))
        try await app.database.writer.write { try $0.execute(sql: "UPDATE ticket SET status = 'closed' WHERE id = 1") }

        let result = try await app.ingestMessage(Self.dsn(to: row.envelopeFrom, failed: "gone@customer.test", status: "5.1.1"))
        guard case let .entry(ticket, _, newTicket, rule, queued) = result else { Issue.record("\(result)"); return }
        #expect(ticket == 1)
        #expect(!newTicket)
        #expect(rule == "token")
        #expect(queued == 0)
        let (status, kinds, outbox) = try await app.database.writer.read { db in
            (try String.fetchOne(db, sql: "SELECT status FROM ticket WHERE id = 1"),
             try String.fetchAll(db, sql: "SELECT kind FROM entry WHERE ticket_id = 1 ORDER BY id"),
             try String.fetchOne(db, sql: "SELECT status FROM outbox WHERE id = ?", arguments: [row.id]))
        }
        #expect(status == "closed")
        #expect(kinds == ["customer", "acknowledgement", "bounce"])
        #expect(outbox == "bounced")

        // The address is blocked: a new mail from it is stored, but nothing automatic goes back.
        let again = try await app.ingestMessage(TestSupport.mail(from: "gone@customer.test", subject: "New", messageID: "g2@customer.test"))
        guard case let .entry(_, _, _, _, queuedAgain) = again else { Issue.record("\(again)"); return }
        #expect(queuedAgain == 0)
    }

    @Test func temporaryFailureDoesNotBlock() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "slow@customer.test", subject: "Hi", messageID: "s1@customer.test"))
        let row = try #require(try await app.database.writer.read { try OutboxQueue.all($0).first })
        _ = try await app.ingestMessage(Self.dsn(to: row.envelopeFrom, failed: "slow@customer.test", status: "4.2.2"))
        let blocked = try await app.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM undeliverable") }
        #expect(blocked == 0)
    }
}

extension BounceTests {
    @Test func reportToThePlainAddressFindsTheMailByItsMessageID() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "old@customer.test", subject: "Hi", messageID: "m1@customer.test"))
        let row = try #require(try await app.database.writer.read { try OutboxQueue.all($0).first })
        var dsn = String(decoding: Self.dsn(to: "support@maildesk.test", failed: "old@customer.test", status: "5.1.1"), as: UTF8.self)
        dsn = dsn.replacingOccurrences(of: "--r--", with: """
            --r\r
            Content-Type: text/rfc822-headers\r
            \r
            From: support@maildesk.test\r
            To: old@customer.test\r
            Message-ID: <\(row.messageId)>\r
            Subject: [#1] Hi\r
            \r
            --r--
            """)
        let result = try await app.ingestMessage(Array(dsn.utf8))
        guard case let .entry(ticket, _, newTicket, _, queued) = result else { Issue.record("\(result)"); return }
        #expect(ticket == 1)
        #expect(!newTicket)
        #expect(queued == 0)
        let (kind, status) = try await app.database.writer.read { db in
            (try String.fetchOne(db, sql: "SELECT kind FROM entry ORDER BY id DESC LIMIT 1"),
             try String.fetchOne(db, sql: "SELECT status FROM outbox WHERE id = ?", arguments: [row.id]))
        }
        #expect(kind == "bounce")
        #expect(status == "bounced")
    }
}
