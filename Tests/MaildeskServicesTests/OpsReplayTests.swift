import Foundation
import GRDB
import MaildeskServices
import MaildeskStore
import Testing

/// `replay`: entries are re-read from their raw mail in place; no threading, no mail.
@Suite struct OpsReplayTests {
    struct Snapshot: Equatable {
        var outbox: [String]
        var tickets: [String]
        var participants: Int
        var entryTickets: [String]
    }

    func snapshot(_ app: MaildeskApp) async throws -> Snapshot {
        try await app.database.writer.read { db in
            Snapshot(outbox: try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id").map(\.description),
                     tickets: try Row.fetchAll(db, sql: "SELECT * FROM ticket ORDER BY id").map(\.description),
                     participants: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") ?? 0,
                     entryTickets: try Row.fetchAll(db, sql: "SELECT id, ticket_id, kind, thread_rule, message_id FROM entry ORDER BY id")
                        .map(\.description))
        }
    }

    @Test func replayRestoresBodyAndAttachmentsWithoutTouchingOutboxOrTickets() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        let first = try await app.ingestMessage(try TestSupport.fixture("shift-jis-attachment.eml"))
        guard case let .entry(_, entryID, _, _, _) = first else { Issue.record("\(first)"); return }
        let second = try await app.ingestMessage(TestSupport.mail(from: "bo@customer.test", subject: "Other", messageID: "r2@customer.test"))
        guard case let .entry(_, otherID, _, _, _) = second else { Issue.record("\(second)"); return }
        let original = try #require(try await app.database.writer.read { try Row.fetchOne($0, sql: "SELECT * FROM entry WHERE id = ?", arguments: [entryID])?.description })
        let attachments = try await app.database.writer.read {
            try Row.fetchAll($0, sql: "SELECT filename, content_type, size, sha256 FROM attachment WHERE entry_id = ? ORDER BY id", arguments: [entryID])
                .map(\.description)
        }
        #expect(!attachments.isEmpty)

        // What an older, worse parser might have stored.
        try await app.database.writer.write { db in
            try db.execute(sql: """
                UPDATE entry SET body = 'garbled', full_body = 'garbled', html = NULL, mail_class = 'bulk', defects_json = '[]',
                explain_json = json_set(explain_json, '$.trim', NULL) WHERE id = ?
                """, arguments: [entryID])
            try db.execute(sql: "DELETE FROM attachment WHERE entry_id = ?", arguments: [entryID])
        }
        let before = try await snapshot(app)
        let outcomes = try await app.replay([entryID, otherID, 999])
        #expect(outcomes.map(\.status) == ["updated", "unchanged", "not_found"])
        #expect(outcomes[0].changed.contains("body"))
        #expect(outcomes[0].changed.contains("attachments"))
        #expect(outcomes[0].changed.contains("mail_class"))
        #expect(outcomes[0].changed.contains("trim"))

        let replayed = try #require(try await app.database.writer.read { try Row.fetchOne($0, sql: "SELECT * FROM entry WHERE id = ?", arguments: [entryID])?.description })
        #expect(replayed == original)
        let reattached = try await app.database.writer.read {
            try Row.fetchAll($0, sql: "SELECT filename, content_type, size, sha256 FROM attachment WHERE entry_id = ? ORDER BY id", arguments: [entryID])
                .map(\.description)
        }
        #expect(reattached == attachments)
        #expect(try await snapshot(app) == before)
        #expect(try await app.replay(nil).allSatisfy { $0.status == "unchanged" })
    }

    @Test func onlyReceivedMailIsReplayed() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Hi", messageID: "s1@customer.test"))
        let noteID = try await app.database.writer.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO entry (ticket_id, kind, body, full_body, created_at) VALUES (1, 'note', 'internal', 'internal', ?)
                """, arguments: [Date()])
            return db.lastInsertedRowID
        }
        let outcomes = try await app.replay([noteID])
        #expect(outcomes.first?.status == "skipped")
        #expect(try await app.replay(nil).map(\.id) == [1])
    }
}
