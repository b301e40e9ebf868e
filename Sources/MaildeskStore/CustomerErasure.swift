import Foundation
import GRDB

/// `customers erase ADDR`: removes one person's data everywhere, keeping aggregate counts. Their own
/// tickets keep status, dates, category and priority but lose subject, text, addresses, attachments
/// and raw mail; on other tickets their own mail is blanked and every mention of the address or their
/// name is replaced. Run inside one write transaction with `secure_delete` on; the caller then
/// vacuums and truncates the WAL so the bytes leave the database files.
/// - SeeAlso: GDPR Art. 17 (right to erasure); SQLite `PRAGMA secure_delete`, `VACUUM`
public enum CustomerErasure {
    public struct Counts: Codable, Sendable, Equatable {
        public var tickets = 0
        public var entries = 0
        public var rawMessages = 0
        public var attachments = 0
        public var outbox = 0
        public var mentions = 0

        enum CodingKeys: String, CodingKey {
            case tickets, entries, attachments, outbox, mentions
            case rawMessages = "raw_messages"
        }
    }

    static let erased = "[erased]"

    /// Erases `address`; `placeholder` (e.g. `erased-3@erased.invalid`) stands in for it from now on.
    public static func erase(_ db: Database, address: String, placeholder: String) throws -> Counts {
        let key = address.lowercased()
        var counts = Counts()
        let names = try String.fetchAll(db, sql: """
            SELECT customer_name FROM ticket WHERE customer = ? AND customer_name IS NOT NULL
            UNION SELECT name FROM participant WHERE address = ? COLLATE NOCASE AND name IS NOT NULL
            """, arguments: [key, key]).filter { $0.count >= 3 }
        let own = try Int64.fetchAll(db, sql: "SELECT id FROM ticket WHERE customer = ?", arguments: [key])
        counts.tickets = own.count
        let ownList = own.map(String.init).joined(separator: ",")
        // Entries to blank: everything on their tickets, and their own mail elsewhere.
        let entries = try Int64.fetchAll(db, sql: """
            SELECT id FROM entry WHERE ticket_id IN (\(ownList.isEmpty ? "NULL" : ownList))
               OR instr(lower(from_json), ?) > 0
            """, arguments: ["\"" + key + "\""])
        counts.entries = entries.count
        let entryList = entries.map(String.init).joined(separator: ",")
        if !entries.isEmpty {
            let blobs = try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM attachment WHERE entry_id IN (\(entryList))")
            counts.attachments = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachment WHERE entry_id IN (\(entryList))") ?? 0
            try db.execute(sql: "DELETE FROM attachment WHERE entry_id IN (\(entryList))")
            for sha in blobs {
                try db.execute(sql: "DELETE FROM blob WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachment WHERE sha256 = ?)",
                               arguments: [sha, sha])
            }
            counts.rawMessages += try blankRaw(db, where: "id IN (SELECT raw_id FROM entry WHERE id IN (\(entryList)))")
            try db.execute(sql: """
                UPDATE entry SET body = ?, full_body = ?, html = NULL, subject = NULL, message_id = NULL,
                  from_json = CASE WHEN instr(lower(from_json), ?) > 0 THEN ? ELSE '[]' END,
                  to_json = '[]', cc_json = '[]', explain_json = NULL, defects_json = '[]', thread_index = NULL
                WHERE id IN (\(entryList))
                """, arguments: [erased, erased, "\"" + key + "\"", "[{\"address\":\"\(placeholder)\",\"name\":null}]"])
        }
        if !own.isEmpty {
            try db.execute(sql: """
                UPDATE ticket SET subject = ?, customer = ?, customer_name = NULL, subject_key = NULL WHERE id IN (\(ownList))
                """, arguments: [erased, placeholder])
            try db.execute(sql: "DELETE FROM participant WHERE ticket_id IN (\(ownList)) AND role != 'agent'")
            try db.execute(sql: "UPDATE ticket_event SET detail = NULL WHERE ticket_id IN (\(ownList))")
            counts.outbox += try blankOutbox(db, where: "ticket_id IN (\(ownList))")
        }
        try db.execute(sql: "DELETE FROM participant WHERE address = ? COLLATE NOCASE", arguments: [key])
        counts.outbox += try blankOutbox(db, where: "recipient = ? COLLATE NOCASE", [key])
        try db.execute(sql: "UPDATE outbox SET recipient = ? WHERE recipient = ? COLLATE NOCASE", arguments: [placeholder, key])
        try db.execute(sql: "UPDATE auto_reply_log SET recipient = ? WHERE recipient = ?", arguments: [placeholder, key])
        for table in ["undeliverable", "rate_limit_trip", "customer_profile"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE address = ? COLLATE NOCASE", arguments: [key])
        }
        // Mentions anywhere else: raw mail and outgoing mail that name them are blanked; text columns
        // have the address replaced by the placeholder and the names by "[erased]".
        for term in [key] + names {
            let bytes = Data(term.utf8)
            counts.rawMessages += try blankRaw(db, where: "instr(data, ?) > 0", [bytes])
            counts.outbox += try blankOutbox(db, where: "instr(data, ?) > 0", [bytes])
            let replacement = term == key ? placeholder : erased
            for (table, columns) in textColumns {
                for column in columns {
                    counts.mentions += try replace(db, table: table, column: column, term: term, with: replacement)
                }
            }
        }
        return counts
    }

    static let textColumns: [(String, [String])] = [
        ("entry", ["body", "full_body", "html", "subject", "from_json", "to_json", "cc_json", "explain_json", "defects_json"]),
        ("ticket", ["subject", "customer_name"]),
        ("ticket_event", ["action", "detail"]),
        ("outbox", ["last_error", "envelope_from"]),
        ("quarantine", ["reason"]),
        ("ingest_record", ["message_id"]),
    ]

    static func blankRaw(_ db: Database, where clause: String, _ arguments: StatementArguments = []) throws -> Int {
        try db.execute(sql: "UPDATE raw_message SET data = X'', size = 0, sha256 = 'erased' WHERE length(data) > 0 AND \(clause)",
                       arguments: arguments)
        return db.changesCount
    }

    static func blankOutbox(_ db: Database, where clause: String, _ arguments: StatementArguments = []) throws -> Int {
        try db.execute(sql: "UPDATE outbox SET data = X'' WHERE length(data) > 0 AND \(clause)", arguments: arguments)
        return db.changesCount
    }

    /// Case-insensitive replacement of `term` in one text column; returns the rows changed.
    static func replace(_ db: Database, table: String, column: String, term: String, with replacement: String) throws -> Int {
        let rows = try Row.fetchAll(db, sql: "SELECT rowid AS md_rowid, \(column) AS value FROM \(table) WHERE instr(lower(\(column)), ?) > 0",
                                    arguments: [term.lowercased()])
        for row in rows {
            let value: String = row["value"]
            let updated = value.replacingOccurrences(of: term, with: replacement, options: .caseInsensitive)
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?", arguments: [updated, row["md_rowid"] as Int64])
        }
        return rows.count
    }
}
