import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Testing

/// `customers export|erase` and retention: after an erase the address and the name are nowhere in
/// the database files (WAL included), counts are kept, and a second export finds nothing.
@Suite struct PrivacyTests {
    let address = "ana.customer@customer.test"
    let name = "Ana Customerova"

    func mails() -> [[UInt8]] {
        let attachment = """
            From: \(name) <\(address)>
            To: support@maildesk.test
            Subject: Broken invoice
            Message-ID: <p1@customer.test>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            My invoice is wrong. Call me, \(name), at my address \(address).
            --b
            Content-Type: application/pdf; name="invoice-ana.pdf"
            Content-Transfer-Encoding: base64

            SGVsbG8gQW5hIQ==
            --b--

            """.replacingOccurrences(of: "\n", with: "\r\n")
        return [
            Array(attachment.utf8),
            TestSupport.mail(from: "\(name) <\(address)>", subject: "Re: [#1] Broken invoice", messageID: "p2@customer.test",
                             inReplyTo: "p1@customer.test", body: "Any news? \(name)"),
            // Someone else's ticket that copies Ana and names her.
            Array("From: Bo <bo@other.test>\r\nTo: support@maildesk.test\r\nCc: \(name) <\(address)>\r\nSubject: Team access\r\nMessage-ID: <q1@other.test>\r\n\r\nPlease give \(name) access too.\r\n".utf8),
        ]
    }

    func databaseBytes(_ state: String) throws -> Data {
        var all = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: state + "/maildesk.sqlite" + suffix) { all.append(data) }
        }
        return all
    }

    @Test func exportThenEraseLeavesNothingPersonal() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state, maildir: try TestSupport.makeMaildir(in: state, mails()))
        _ = try await app.pollOnce(send: true)
        let export = try #require(try await app.exportCustomer(address))
        let text = String(decoding: export, as: UTF8.self)
        #expect(text.contains("Broken invoice"))
        #expect(text.contains("invoice-ana.pdf"))
        #expect(text.contains("\"raw_messages\""))
        #expect(text.contains("Team access"))                 // a ticket she takes part in
        let before = try await app.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }
        #expect(try databaseBytes(state).range(of: Data(address.utf8)) != nil)

        let counts = try await app.eraseCustomer(address)
        #expect(counts.tickets == 1)
        #expect(counts.attachments == 1)
        let bytes = try databaseBytes(state)
        #expect(bytes.range(of: Data(address.utf8)) == nil, "the address is still in the database files")
        #expect(bytes.range(of: Data(name.utf8)) == nil, "the name is still in the database files")
        #expect(bytes.range(of: Data("SGVsbG8gQW5hIQ".utf8)) == nil)
        #expect(bytes.range(of: Data("Hello Ana!".utf8)) == nil)
        let (after, audit, other) = try await app.database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket"),
             try String.fetchOne(db, sql: "SELECT action || ' ' || counts FROM privacy_audit WHERE action = 'erase'"),
             try String.fetchOne(db, sql: "SELECT body FROM entry WHERE ticket_id = 2 AND kind = 'customer'"))
        }
        #expect(after == before)                              // aggregate counts are kept
        #expect(audit?.contains("\"tickets\":1") == true)
        #expect(other == "Please give [erased] access too.")  // Bo's ticket stays, without her
        #expect(try await app.exportCustomer(address) == nil)
        #expect(try await app.database.writer.read { try CustomerQueries.detail($0, address: address) } == nil)
    }

    @Test func customersShowHistoryOrganisationAndReopens() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state, maildir: try TestSupport.makeMaildir(in: state, Array(mails().prefix(1))))
        _ = try await app.pollOnce(send: true)
        _ = try await app.runCommand("#close", ticketID: 1, actor: "cli:test")
        try TestSupport.addToMaildir(state, TestSupport.mail(from: "\(name) <\(address)>", subject: "Re: [#1] Broken invoice",
                                                             messageID: "p3@customer.test", inReplyTo: "p1@customer.test"))
        _ = try await app.pollOnce(send: true)
        var detail = try #require(try await app.database.writer.read { try CustomerQueries.detail($0, address: address) })
        #expect(detail.customer.organisation == "customer.test")
        #expect(detail.customer.name == name)
        #expect(detail.reopenCount == 1)
        #expect(detail.ticketList.map(\.id) == [1])
        try await app.database.writer.write { try CustomerQueries.setOrganisation($0, address: address, organisation: "Customer AG") }
        detail = try #require(try await app.database.writer.read { try CustomerQueries.detail($0, address: address) })
        #expect(detail.customer.organisation == "Customer AG")
        let list = try await app.database.writer.read { try CustomerQueries.list($0) }
        #expect(list.map(\.address) == [address])
    }

    @Test func retentionBlanksRawMailOfLongClosedTicketsOnly() async throws {
        let state = try TestSupport.temporaryDirectory()
        var config = TestSupport.configuration(state: state, maildir: try TestSupport.makeMaildir(in: state, mails()))
        config.retention.rawMailDays = 30
        let app = try MaildeskApp(configuration: config, logger: Logger(label: "test"))
        _ = try await app.pollOnce(send: true)
        try await app.database.writer.write { db in
            try db.execute(sql: "UPDATE ticket SET status = 'closed', updated_at = '2020-01-01 00:00:00.000' WHERE id = 1")
        }
        #expect(try await app.applyRetention() == 2)
        #expect(try await app.applyRetention() == 0)
        let sizes = try await app.database.writer.read { db in
            try Int.fetchAll(db, sql: "SELECT length(r.data) FROM raw_message r JOIN entry e ON e.raw_id = r.id ORDER BY e.id")
        }
        #expect(sizes.filter { $0 == 0 }.count == 2)
        #expect(sizes.filter { $0 > 0 }.count == 1)          // ticket 2 is open: its raw mail stays
    }

    /// Attachments, entry text and copies of sent mail of long-closed tickets go, in batches; the
    /// tickets, entries and outbox rows stay for the statistics; open tickets keep everything.
    @Test func retentionRemovesAttachmentsTextAndSentMailOfLongClosedTickets() async throws {
        let state = try TestSupport.temporaryDirectory()
        var config = TestSupport.configuration(state: state, maildir: try TestSupport.makeMaildir(in: state, mails()))
        config.retention = RetentionConfig(attachmentDays: 30, textDays: 60, sentMailDays: 10)
        let app = try MaildeskApp(configuration: config, logger: Logger(label: "test"))
        _ = try await app.pollOnce(send: true)
        let before = try await counts(app)
        #expect(before.attachments == 1 && before.blobs == 1 && before.sentBytes > 0)
        #expect(try await Doctor(app: app).retentionCheck().line.hasPrefix("ok retention: attachments 30 d (0 waiting)"))
        try await app.database.writer.write { db in
            try db.execute(sql: "UPDATE ticket SET status = 'closed', updated_at = '2020-01-01 00:00:00.000' WHERE id = 1")
        }
        let overdue = try await Doctor(app: app).retentionCheck()
        #expect(!overdue.ok, "\(overdue.line)")
        #expect(overdue.line.contains("attachments 30 d (1 waiting)"), "\(overdue.line)")
        #expect(try await app.applyRetention(batch: 1) > 0)       // batches of one row still finish
        #expect(try await app.applyRetention() == 0)
        #expect(try await Doctor(app: app).retentionCheck().ok)
        let after = try await counts(app)
        #expect(after.attachments == 0 && after.blobs == 0)
        #expect(after.tickets == before.tickets && after.entries == before.entries && after.outbox == before.outbox)
        let texts = try await app.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT ticket_id, body, full_body, html FROM entry ORDER BY id")
        }
        for row in texts {
            let ticket: Int64 = row["ticket_id"]
            let body: String = row["body"]
            if ticket == 1 {
                #expect(body == RetentionSweep.removedText && (row["full_body"] as String).isEmpty)
                #expect(!body.contains(name))
            } else {
                #expect(body != RetentionSweep.removedText)        // ticket 2 is open
            }
        }
        #expect(texts.contains { ($0["ticket_id"] as Int64) == 2 && ($0["body"] as String).contains(name) })
        let sent = try await app.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT ticket_id, length(data) AS size, status FROM outbox ORDER BY id")
        }
        #expect(sent.contains { ($0["ticket_id"] as Int64?) == 1 && ($0["size"] as Int) == 0 })
        #expect(sent.contains { ($0["ticket_id"] as Int64?) == 2 && ($0["size"] as Int) > 0 })
    }

    struct Counts { var tickets, entries, outbox, attachments, blobs, sentBytes: Int }

    func counts(_ app: MaildeskApp) async throws -> Counts {
        try await app.database.writer.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? -1 }
            return Counts(tickets: try count("SELECT COUNT(*) FROM ticket"), entries: try count("SELECT COUNT(*) FROM entry"),
                          outbox: try count("SELECT COUNT(*) FROM outbox"), attachments: try count("SELECT COUNT(*) FROM attachment"),
                          blobs: try count("SELECT COUNT(*) FROM blob"),
                          sentBytes: try count("SELECT COALESCE(SUM(length(data)), 0) FROM outbox"))
        }
    }
}
