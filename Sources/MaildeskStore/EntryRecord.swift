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

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
