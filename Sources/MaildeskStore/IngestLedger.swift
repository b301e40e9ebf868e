import Foundation
import GRDB

/// Progress per source and the record of every message seen, so a rerun after a crash neither loses
/// nor duplicates mail.
public enum IngestLedger {
    public static func checkpoint(_ db: Database, source: String) throws -> CheckpointRecord? {
        try CheckpointRecord.fetchOne(db, key: source)
    }

    public static func saveCheckpoint(_ db: Database, source: String, uidValidity: Int64, lastUid: Int64, now: Date) throws {
        try CheckpointRecord(source: source, uidValidity: uidValidity, lastUid: lastUid, updatedAt: now).save(db)
    }

    /// The record of (source, UIDVALIDITY, UID), if that message was processed already.
    public static func record(_ db: Database, source: String, uidValidity: Int64, uid: Int64) throws -> IngestRecord? {
        try IngestRecord.fetchOne(try db.cachedStatement(sql: """
            SELECT * FROM ingest_record WHERE source = ? AND uid_validity = ? AND uid = ?
            """), arguments: [source, uidValidity, uid])
    }

    /// The record of a Maildir file or other keyed source item.
    public static func record(_ db: Database, source: String, key: String) throws -> IngestRecord? {
        try IngestRecord.fetchOne(try db.cachedStatement(sql: "SELECT * FROM ingest_record WHERE source = ? AND source_key = ?"),
                                  arguments: [source, key])
    }

    /// An earlier message with the same Message-ID and the same bytes that became an entry.
    public static func sameMessage(_ db: Database, messageID: String, contentHash: String) throws -> IngestRecord? {
        try IngestRecord.fetchOne(try db.cachedStatement(sql: """
            SELECT * FROM ingest_record WHERE message_id = ? AND content_hash = ? AND outcome = 'entry'
            ORDER BY id LIMIT 1
            """), arguments: [messageID, contentHash])
    }

    /// Whether any stored entry has this Message-ID with other content.
    public static func messageIDSeen(_ db: Database, messageID: String) throws -> Bool {
        try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM ingest_record WHERE message_id = ?)"),
                          arguments: [messageID]) ?? false
    }

    /// UIDs committed here but not yet flagged/moved on the server (a crash between the two).
    public static func pendingServerUIDs(_ db: Database, source: String, uidValidity: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT uid FROM ingest_record
            WHERE source = ? AND uid_validity = ? AND uid IS NOT NULL AND server_done = 0 ORDER BY uid
            """, arguments: [source, uidValidity])
    }

    public static func markServerDone(_ db: Database, source: String, uidValidity: Int64, uids: [Int64]) throws {
        for chunk in stride(from: 0, to: uids.count, by: 500) {
            let slice = Array(uids[chunk..<min(chunk + 500, uids.count)])
            try db.execute(sql: """
                UPDATE ingest_record SET server_done = 1
                WHERE source = ? AND uid_validity = ? AND uid IN (\(slice.map { _ in "?" }.joined(separator: ",")))
                """, arguments: StatementArguments([source, uidValidity] as [any DatabaseValueConvertible] + slice))
        }
    }

    /// Stores raw bytes, once per record.
    public static func storeRaw(_ db: Database, bytes: [UInt8], sha256: String, now: Date) throws -> Int64 {
        var raw = RawMessageRecord(sha256: sha256, data: Data(bytes), receivedAt: now)
        try raw.insertFast(db)
        return raw.id!
    }
}
