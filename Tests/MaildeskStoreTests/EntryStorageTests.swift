import Foundation
import GRDB
import MaildeskStore
import Testing

@Suite struct EntryStorageTests {
    /// A whole text equal to the trimmed one is stored once (`full_body = ''`) and read back whole,
    /// through every write path (fast insert, GRDB insert, update) and the customer export.
    @Test func fullBodyEqualToBodyIsStoredOnceAndReadWhole() throws {
        let path = NSTemporaryDirectory() + "maildesk-store-\(UUID().uuidString)/db.sqlite"
        let database = try MaildeskDatabase(path: path)
        let ids = try database.write { db -> [Int64] in
            var ticket = TicketRecord(subject: "S", customer: "ana@customer.test", customerName: nil, now: Date())
            try ticket.insert(db)
            var same = EntryRecord(ticketId: ticket.id!, kind: "customer", body: "Hello\nthere", createdAt: Date())
            try same.insertFast(db)
            var quoted = EntryRecord(ticketId: ticket.id!, kind: "customer", body: "Thanks", createdAt: Date())
            quoted.fullBody = "Thanks\n\n> Hello"
            try quoted.insert(db)
            var empty = EntryRecord(ticketId: ticket.id!, kind: "customer", body: "", createdAt: Date())
            try empty.insertFast(db)
            return [same.id!, quoted.id!, empty.id!]
        }
        let stored = try database.read { try String.fetchAll($0, sql: "SELECT full_body FROM entry ORDER BY id") }
        #expect(stored == ["", "Thanks\n\n> Hello", ""])
        let read = try database.read { db in try ids.map { try EntryRecord.fetchOne(db, key: $0)! } }
        #expect(read.map(\.fullBody) == ["Hello\nthere", "Thanks\n\n> Hello", ""])
        // An update that makes the whole text differ stores it.
        try database.write { db in
            var entry = read[0]
            entry.body = "Hello"
            try entry.update(db)
        }
        let updated = try database.read { try EntryRecord.fetchOne($0, key: ids[0])! }
        #expect(updated.body == "Hello" && updated.fullBody == "Hello\nthere")
        let export = try database.read { try CustomerExport.document($0, address: "ana@customer.test", now: Date()) }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: export), as: UTF8.self)
        #expect(text.contains("\"full_body\":\"Hello\\nthere\""))
    }
}
