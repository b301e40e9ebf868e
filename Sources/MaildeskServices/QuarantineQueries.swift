import Foundation
import GRDB
import MaildeskStore

/// `quarantine list --json` → `{"quarantine": [QuarantineView]}`.
public struct QuarantineView: Encodable, Sendable {
    public var id: Int64
    public var source: String
    public var uid: Int64?
    public var reason: String
    public var status: String
    public var size: Int
    public var createdAt: String

    enum CodingKeys: String, CodingKey { case id, source, uid, reason, status, size, createdAt = "created_at" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(uid, forKey: .uid)
        try c.encode(reason, forKey: .reason)
        try c.encode(status, forKey: .status)
        try c.encode(size, forKey: .size)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

public enum QuarantineQueries {
    public static func list(_ db: Database) throws -> [QuarantineView] {
        try Row.fetchAll(db, sql: """
            SELECT q.id, q.source, q.uid, q.reason, q.status, q.created_at, r.size
            FROM quarantine q JOIN raw_message r ON r.id = q.raw_id ORDER BY q.id
            """).map { row in
            QuarantineView(id: row["id"], source: row["source"], uid: row["uid"], reason: row["reason"],
                           status: row["status"], size: row["size"],
                           createdAt: Timestamps.rfc3339(row["created_at"]))
        }
    }

    /// The raw bytes of a quarantined message.
    public static func raw(_ db: Database, id: Int64) throws -> Data? {
        try Data.fetchOne(db, sql: """
            SELECT r.data FROM quarantine q JOIN raw_message r ON r.id = q.raw_id WHERE q.id = ?
            """, arguments: [id])
    }
}
