import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Inserts on the ingest path use cached statements (prepared once per connection) and dates
/// formatted without ICU, in GRDB's own `YYYY-MM-DD HH:MM:SS.SSS` UTC storage format so records
/// read back through Codable as usual. GRDB's generic record insert prepares a statement each time,
/// which cost more than the SQL it ran.
enum FastInsert {
    static func run(_ db: Database, _ sql: String, _ values: [(any DatabaseValueConvertible)?]) throws -> Int64 {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: StatementArguments(values))
        return db.lastInsertedRowID
    }

    /// `2026-11-25 10:47:00.123` (UTC), the text GRDB writes for a `Date`.
    static func date(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var millis = Int(((interval - Double(seconds)) * 1000).rounded())
        if millis >= 1000 { seconds += 1; millis -= 1000 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out = [UInt8]()
        out.reserveCapacity(23)
        func put(_ value: Int, _ width: Int) {
            var digits = [UInt8](repeating: 48, count: width)
            var v = value
            for i in stride(from: width - 1, through: 0, by: -1) { digits[i] = UInt8(48 + v % 10); v /= 10 }
            out += digits
        }
        put(Int(parts.tm_year) + 1900, 4); out.append(45); put(Int(parts.tm_mon) + 1, 2); out.append(45)
        put(Int(parts.tm_mday), 2); out.append(32); put(Int(parts.tm_hour), 2); out.append(58)
        put(Int(parts.tm_min), 2); out.append(58); put(Int(parts.tm_sec), 2); out.append(46); put(millis, 3)
        return String(decoding: out, as: UTF8.self)
    }
}

extension EntryRecord {
    public mutating func insertFast(_ db: Database) throws {
        id = try FastInsert.run(db, """
            INSERT INTO entry (ticket_id, kind, from_json, to_json, cc_json, message_id, subject, body, full_body, html,
            mail_class, raw_id, defects_json, thread_rule, explain_json, created_at, thread_index, author)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [ticketId, kind, fromJson, toJson, ccJson, messageId, subject, body, fullBody, html, mailClass, rawId,
                  defectsJson, threadRule, explainJson, FastInsert.date(createdAt), threadIndex, author])
    }
}

extension TicketRecord {
    public mutating func insertFast(_ db: Database) throws {
        id = try FastInsert.run(db, """
            INSERT INTO ticket (subject, status, priority, category, customer, customer_name, assignee, follows_ticket,
            created_at, updated_at, subject_key, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [subject, status, priority, category, customer, customerName, assignee, followsTicket,
                  FastInsert.date(createdAt), FastInsert.date(updatedAt), subjectKey, dueAt.map(FastInsert.date)])
    }
}

extension RawMessageRecord {
    public mutating func insertFast(_ db: Database) throws {
        id = try FastInsert.run(db, "INSERT INTO raw_message (sha256, size, data, received_at) VALUES (?, ?, ?, ?)",
                                [sha256, size, data, FastInsert.date(receivedAt)])
    }
}

extension IngestRecord {
    public mutating func insertFast(_ db: Database) throws {
        id = try FastInsert.run(db, """
            INSERT INTO ingest_record (source, uid_validity, uid, source_key, message_id, content_hash, raw_id, outcome,
            entry_id, ticket_id, duplicate_of, server_done, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [source, uidValidity, uid, sourceKey, messageId, contentHash, rawId, outcome, entryId, ticketId,
                  duplicateOf, serverDone, FastInsert.date(createdAt)])
    }
}

extension OutboxRecord {
    public mutating func insertFast(_ db: Database) throws {
        id = try FastInsert.run(db, """
            INSERT INTO outbox (ticket_id, entry_id, kind, message_id, envelope_from, recipient, data, status, attempts,
            next_attempt_at, lease_until, last_error, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [ticketId, entryId, kind, messageId, envelopeFrom, recipient, data, status, attempts,
                  FastInsert.date(nextAttemptAt), leaseUntil.map(FastInsert.date), lastError,
                  FastInsert.date(createdAt), sentAt.map(FastInsert.date)])
    }
}

extension ParticipantRecord {
    public func insertFastIgnoringDuplicates(_ db: Database) throws {
        _ = try FastInsert.run(db, "INSERT OR IGNORE INTO participant (ticket_id, address, name, role) VALUES (?, ?, ?, ?)",
                               [ticketId, address, name, role])
    }
}

/// Plain statements of the ingest path, cached per connection.
public enum FastSQL {
    public static func execute(_ db: Database, _ sql: String, _ values: [(any DatabaseValueConvertible)?]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
    }

    public static func date(_ date: Date) -> String { FastInsert.date(date) }
}
