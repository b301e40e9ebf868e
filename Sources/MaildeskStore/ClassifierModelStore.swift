import Foundation
import GRDB

/// One stored classifier version (table `classifier_model`, migration `v7-classifier`).
public struct StoredClassifierModel: Sendable {
    public var version: Int64
    public var createdAt: Date
    public var kind: String
    /// Labels as a JSON array.
    public var labels: String
    public var trainCount: Int
    /// Training figures as a JSON object (cross-validation scores, temperature, …).
    public var metrics: String
    public var model: [UInt8]
}

/// Stores, loads and feeds classifier models. Past versions stay; `latest` is the one in use.
public enum ClassifierModelStore {
    /// Stores a new model version and returns its number.
    @discardableResult
    public static func insert(_ db: Database, kind: String, labels: [String], trainCount: Int, metrics: String,
                              model: [UInt8], now: Date = Date()) throws -> Int64 {
        let labelsJSON = String(decoding: try JSONEncoder().encode(labels), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO classifier_model (created_at, kind, labels, n_train, metrics, model) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [now, kind, labelsJSON, trainCount, metrics, Data(model)])
        return db.lastInsertedRowID
    }

    public static func latest(_ db: Database) throws -> StoredClassifierModel? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM classifier_model ORDER BY version DESC LIMIT 1") else {
            return nil
        }
        let data: Data = row["model"]
        return StoredClassifierModel(version: row["version"], createdAt: row["created_at"], kind: row["kind"],
                                     labels: row["labels"], trainCount: row["n_train"], metrics: row["metrics"],
                                     model: [UInt8](data))
    }

    /// The newest version number, cheap enough to ask once per poll.
    public static func latestVersion(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MAX(version) FROM classifier_model")
    }

    /// Training data from the help desk itself: for every ticket with a category (set by agents), the
    /// trimmed text (`body`) of its first customer entry, with the ticket's priority.
    public static func labeledTickets(_ db: Database) throws -> [(text: String, category: String, priority: String)] {
        try Row.fetchAll(db, sql: """
            SELECT t.category AS category, t.priority AS priority, e.body AS body
            FROM ticket t
            JOIN entry e ON e.id = (SELECT MIN(id) FROM entry WHERE ticket_id = t.id AND kind = 'customer')
            WHERE t.category IS NOT NULL AND TRIM(t.category) <> ''
            ORDER BY t.id
            """).compactMap { row in
            let body = (row["body"] as String).trimmingCharacters(in: .whitespacesAndNewlines)
            return body.isEmpty ? nil : (body, row["category"], row["priority"])
        }
    }
}
