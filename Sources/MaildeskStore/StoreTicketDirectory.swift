import Foundation
import GRDB
import HelpdeskCore

/// The threading rules' view of stored tickets, inside the ingest transaction.
public struct StoreTicketDirectory: TicketDirectory {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func ticketID(forMessageID id: String) throws -> Int64? {
        if let ticket = try Int64.fetchOne(try db.cachedStatement(sql: """
            SELECT ticket_id FROM entry WHERE message_id = ? ORDER BY id DESC LIMIT 1
            """), arguments: [id]) {
            return ticket
        }
        return try Int64.fetchOne(try db.cachedStatement(sql: "SELECT ticket_id FROM outbound_message_id WHERE message_id = ?"),
                                  arguments: [id])
    }

    public func status(ofTicket id: Int64) throws -> TicketStatus? {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT status FROM ticket WHERE id = ?"), arguments: [id])
            .flatMap(TicketStatus.init(rawValue:))
    }

    public func ticketID(forThreadIndex conversationID: String) throws -> Int64? {
        try Int64.fetchOne(try db.cachedStatement(sql: """
            SELECT ticket_id FROM entry WHERE thread_index = ? ORDER BY id DESC LIMIT 1
            """), arguments: [conversationID])
    }

    public func ticketID(customer: String, subjectKey: String, since: Date) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM ticket WHERE customer = ? AND subject_key = ? AND created_at >= ? ORDER BY id DESC LIMIT 1
            """), arguments: [customer, subjectKey, FastSQL.date(since)])
    }

    public func isParticipant(_ address: String, ofTicket id: Int64) throws -> Bool {
        try Bool.fetchOne(try db.cachedStatement(sql: """
            SELECT EXISTS(SELECT 1 FROM participant WHERE ticket_id = ? AND address = ? COLLATE NOCASE)
            """), arguments: [id, address]) ?? false
    }
}
