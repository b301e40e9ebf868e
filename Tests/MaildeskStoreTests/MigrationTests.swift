import Foundation
import GRDB
import MaildeskStore
import Testing

@Suite struct MigrationTests {
    @Test func opensTwiceAndUsesWAL() throws {
        let path = NSTemporaryDirectory() + "maildesk-store-\(UUID().uuidString)/db.sqlite"
        _ = try MaildeskDatabase(path: path)
        let database = try MaildeskDatabase(path: path)
        let mode = try database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try database.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["ticket", "entry", "raw_message", "ingest_record", "checkpoint", "outbox", "quarantine"] {
            #expect(tables.contains(table))
        }
    }

    @Test func ticketListFiltersAndJSONKeepsNulls() throws {
        let path = NSTemporaryDirectory() + "maildesk-store-\(UUID().uuidString)/db.sqlite"
        let database = try MaildeskDatabase(path: path)
        try database.write { db in
            var a = TicketRecord(subject: "A", customer: "ana@customer.test", customerName: nil, now: Date())
            try a.insert(db)
            var b = TicketRecord(subject: "B", customer: "bo@customer.test", customerName: "Bo", now: Date())
            b.status = "closed"
            try b.insert(db)
        }
        let closed = try database.read { try TicketQueries.list($0, filter: TicketFilter(status: "closed")) }
        #expect(closed.map(\.subject) == ["B"])
        let byCustomer = try database.read { try TicketQueries.list($0, filter: TicketFilter(customer: "ANA@customer.test")) }
        #expect(byCustomer.map(\.subject) == ["A"])
        let json = String(decoding: try JSONEncoder().encode(byCustomer[0]), as: UTF8.self)
        #expect(json.contains("\"category\":null"))
        #expect(json.contains("\"assignee\":null"))
        #expect(json.contains("\"name\":null"))
    }
}

@Suite struct FastDateTests {
    /// Queries compare stored dates with `Date` arguments as text, so both must be formatted alike.
    @Test(arguments: [0.0, 1_764_000_000.5, 1_764_000_000.9996, 1_800_000_000.123, 951_782_400.0])
    func matchesGRDBDateText(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        guard case let .string(grdb) = date.databaseValue.storage else {
            Issue.record("GRDB stores Date as \(date.databaseValue)"); return
        }
        #expect(FastSQL.date(date) == grdb)
    }
}
