import Foundation
import GRDB
import HelpdeskCore

/// A ticket: one customer conversation.
public struct TicketRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ticket"
    public var id: Int64?
    public var subject: String
    public var status: String
    public var priority: String
    public var category: String?
    public var customer: String
    public var customerName: String?
    public var assignee: String?
    public var followsTicket: Int64?
    public var subjectKey: String?
    /// Set when `#merge` moved this ticket into another one.
    public var mergedInto: Int64?
    /// Expected close (created + due estimate), when an estimate existed at creation.
    public var dueAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(subject: String, customer: String, customerName: String?, now: Date) {
        self.subject = subject
        self.status = TicketStatus.open.rawValue
        self.priority = TicketPriority.normal.rawValue
        self.customer = customer
        self.customerName = customerName
        self.createdAt = now
        self.updatedAt = now
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Someone on a ticket: its customer, people they copied, agents.
public struct ParticipantRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "participant"
    public var ticketId: Int64
    public var address: String
    public var name: String?
    public var role: String

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(ticketId: Int64, address: String, name: String?, role: String) {
        self.ticketId = ticketId
        self.address = address
        self.name = name
        self.role = role
    }
}

extension TicketRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["subject"] = subject
        container["status"] = status
        container["priority"] = priority
        container["category"] = category
        container["customer"] = customer
        container["customer_name"] = customerName
        container["assignee"] = assignee
        container["follows_ticket"] = followsTicket
        container["subject_key"] = subjectKey
        container["merged_into"] = mergedInto
        container["due_at"] = dueAt
        container["created_at"] = createdAt
        container["updated_at"] = updatedAt
    }
}

extension ParticipantRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["ticket_id"] = ticketId
        container["address"] = address
        container["name"] = name
        container["role"] = role
    }
}
