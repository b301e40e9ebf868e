import Foundation
import GRDB

/// One message or event on a ticket.
public struct EntryRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "entry"
    public var id: Int64?
    public var ticketId: Int64
    public var kind: String
    public var fromJson: String?
    public var toJson: String
    public var ccJson: String
    public var messageId: String?
    public var subject: String?
    public var body: String
    public var fullBody: String
    public var html: String?
    public var mailClass: String?
    public var rawId: Int64?
    public var defectsJson: String
    public var threadRule: String?
    public var explainJson: String?
    public var createdAt: Date
    public var threadIndex: String?
    /// The agent (configured id) who wrote an `agent` or `note` entry, or ran a command.
    public var author: String?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public init(ticketId: Int64, kind: String, body: String, createdAt: Date) {
        self.ticketId = ticketId
        self.kind = kind
        self.toJson = "[]"
        self.ccJson = "[]"
        self.body = body
        self.fullBody = body
        self.defectsJson = "[]"
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Attachment metadata; the bytes live once per SHA-256 in `blob`.
public struct AttachmentRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attachment"
    public var id: Int64?
    public var entryId: Int64
    public var filename: String?
    public var contentType: String
    public var size: Int
    public var contentId: String?
    public var disposition: String?
    public var sha256: String

    public init(entryId: Int64, filename: String?, contentType: String, size: Int, contentId: String?,
                disposition: String?, sha256: String) {
        self.entryId = entryId
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.contentId = contentId
        self.disposition = disposition
        self.sha256 = sha256
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension EntryRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ticket_id"] = ticketId
        container["kind"] = kind
        container["from_json"] = fromJson
        container["to_json"] = toJson
        container["cc_json"] = ccJson
        container["message_id"] = messageId
        container["subject"] = subject
        container["body"] = body
        container["full_body"] = fullBody
        container["html"] = html
        container["mail_class"] = mailClass
        container["raw_id"] = rawId
        container["defects_json"] = defectsJson
        container["thread_rule"] = threadRule
        container["explain_json"] = explainJson
        container["created_at"] = createdAt
        container["thread_index"] = threadIndex
        container["author"] = author
    }
}

extension AttachmentRecord {
    /// Written by hand: GRDB's Codable path with key conversion costs more than the SQL itself on ingest.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["entry_id"] = entryId
        container["filename"] = filename
        container["content_type"] = contentType
        container["size"] = size
        container["content_id"] = contentId
        container["disposition"] = disposition
        container["sha256"] = sha256
    }
}
