import Foundation
import GRDB

/// The bytes of a message exactly as received.
public struct RawMessageRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "raw_message"
    public var id: Int64?
    public var sha256: String
    public var size: Int
    public var data: Data
    public var receivedAt: Date

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(sha256: String, data: Data, receivedAt: Date) {
        self.sha256 = sha256
        self.size = data.count
        self.data = data
        self.receivedAt = receivedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What happened to one message seen at a source (IMAP mailbox, Maildir, stdin).
public struct IngestRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ingest_record"
    public enum Outcome: String, Sendable { case entry, duplicate, quarantined }

    public var id: Int64?
    public var source: String
    public var uidValidity: Int64?
    public var uid: Int64?
    public var sourceKey: String?
    public var messageId: String?
    public var contentHash: String
    public var rawId: Int64
    public var outcome: String
    public var entryId: Int64?
    public var ticketId: Int64?
    public var duplicateOf: Int64?
    public var serverDone: Bool
    public var createdAt: Date

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(source: String, uidValidity: Int64?, uid: Int64?, sourceKey: String?, messageId: String?,
                contentHash: String, rawId: Int64, outcome: Outcome, createdAt: Date) {
        self.source = source
        self.uidValidity = uidValidity
        self.uid = uid
        self.sourceKey = sourceKey
        self.messageId = messageId
        self.contentHash = contentHash
        self.rawId = rawId
        self.outcome = outcome.rawValue
        self.serverDone = false
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Per IMAP mailbox: the UIDVALIDITY we know and the highest UID fully processed.
/// - SeeAlso: RFC 9051 §2.3.1.1 (UIDs are only valid together with UIDVALIDITY).
public struct CheckpointRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "checkpoint"
    public var source: String
    public var uidValidity: Int64
    public var lastUid: Int64
    public var updatedAt: Date

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(source: String, uidValidity: Int64, lastUid: Int64, updatedAt: Date) {
        self.source = source
        self.uidValidity = uidValidity
        self.lastUid = lastUid
        self.updatedAt = updatedAt
    }
}

/// A message that could not be processed: its raw bytes stay, with the reason.
public struct QuarantineRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "quarantine"
    public var id: Int64?
    public var rawId: Int64
    public var source: String
    public var uid: Int64?
    public var sourceKey: String?
    public var reason: String
    public var status: String
    public var createdAt: Date

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(rawId: Int64, source: String, uid: Int64?, sourceKey: String?, reason: String, createdAt: Date) {
        self.rawId = rawId
        self.source = source
        self.uid = uid
        self.sourceKey = sourceKey
        self.reason = reason
        self.status = "held"
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension RawMessageRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["sha256"] = sha256
        container["size"] = size
        container["data"] = data
        container["received_at"] = receivedAt
    }
}

extension IngestRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["source"] = source
        container["uid_validity"] = uidValidity
        container["uid"] = uid
        container["source_key"] = sourceKey
        container["message_id"] = messageId
        container["content_hash"] = contentHash
        container["raw_id"] = rawId
        container["outcome"] = outcome
        container["entry_id"] = entryId
        container["ticket_id"] = ticketId
        container["duplicate_of"] = duplicateOf
        container["server_done"] = serverDone
        container["created_at"] = createdAt
    }
}

extension CheckpointRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["source"] = source
        container["uid_validity"] = uidValidity
        container["last_uid"] = lastUid
        container["updated_at"] = updatedAt
    }
}

extension QuarantineRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["raw_id"] = rawId
        container["source"] = source
        container["uid"] = uid
        container["source_key"] = sourceKey
        container["reason"] = reason
        container["status"] = status
        container["created_at"] = createdAt
    }
}
