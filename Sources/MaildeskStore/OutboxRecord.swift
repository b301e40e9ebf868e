import Foundation
import GRDB

/// One outbound mail to one recipient: each recipient gets its own SMTP transaction and status.
public struct OutboxRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"
    /// `dropped`: set aside by an admin (`outbox drop`); kept, never sent. `bounced`: sent, and a
    /// delivery report about it came back (docs/design.md#bounces).
    public enum Status: String, Sendable, CaseIterable { case queued, sending, sent, failed, dropped, bounced }

    public var id: Int64?
    public var ticketId: Int64?
    public var entryId: Int64?
    public var kind: String
    public var messageId: String
    public var envelopeFrom: String
    public var recipient: String
    public var data: Data
    public var status: String
    public var attempts: Int
    public var nextAttemptAt: Date
    public var leaseUntil: Date?
    /// The process holding the lease of a `sending` row (see `OutboxQueue.lease`).
    public var leaseOwner: String?
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(ticketId: Int64?, entryId: Int64?, kind: String, messageId: String, envelopeFrom: String,
                recipient: String, data: Data, now: Date) {
        self.ticketId = ticketId
        self.entryId = entryId
        self.kind = kind
        self.messageId = messageId
        self.envelopeFrom = envelopeFrom
        self.recipient = recipient
        self.data = data
        self.status = Status.queued.rawValue
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdAt = now
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension OutboxRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ticket_id"] = ticketId
        container["entry_id"] = entryId
        container["kind"] = kind
        container["message_id"] = messageId
        container["envelope_from"] = envelopeFrom
        container["recipient"] = recipient
        container["data"] = data
        container["status"] = status
        container["attempts"] = attempts
        container["next_attempt_at"] = nextAttemptAt
        container["lease_until"] = leaseUntil
        container["lease_owner"] = leaseOwner
        container["last_error"] = lastError
        container["created_at"] = createdAt
        container["sent_at"] = sentAt
    }
}
