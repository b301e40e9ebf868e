import Foundation
import GRDB

/// `customers export ADDR`: everything maildesk holds about one person, as one JSON document — their
/// tickets (as customer or participant) with entries, participants, attachment metadata, tags and events;
/// the raw mail of those entries (base64); mail we sent them; delivery and rate-limit records.
/// - SeeAlso: GDPR Art. 15 (right of access), Art. 20 (portability: a structured, machine-readable form)
public enum CustomerExport {
    public static func document(_ db: Database, address: String, now: Date) throws -> [String: Any] {
        let key = address.lowercased()
        let ticketIDs = try Self.ticketIDs(db, address: key)
        let idList = ticketIDs.map(String.init).joined(separator: ",")
        func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [[String: Any]] {
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(json)
        }
        var tickets: [[String: Any]] = []
        for id in ticketIDs {
            var ticket = try rows("SELECT * FROM ticket WHERE id = ?", [id]).first ?? [:]
            ticket["participants"] = try rows("SELECT * FROM participant WHERE ticket_id = ? ORDER BY rowid", [id])
            ticket["tags"] = try String.fetchAll(db, sql: "SELECT tag FROM ticket_tag WHERE ticket_id = ? ORDER BY tag", arguments: [id])
            ticket["events"] = try rows("SELECT * FROM ticket_event WHERE ticket_id = ? ORDER BY id", [id])
            var entries = try rows("SELECT * FROM entry WHERE ticket_id = ? ORDER BY id", [id])
            for index in entries.indices {
                entries[index]["attachments"] = try rows("""
                    SELECT id, filename, content_type, size, content_id, disposition, sha256 FROM attachment
                    WHERE entry_id = ? ORDER BY id
                    """, [entries[index]["id"] as? Int64 ?? -1])
            }
            ticket["entries"] = entries
            tickets.append(ticket)
        }
        let raw = ticketIDs.isEmpty ? [] : try rows("""
            SELECT id, sha256, size, received_at, data FROM raw_message
            WHERE id IN (SELECT raw_id FROM entry WHERE ticket_id IN (\(idList)) AND raw_id IS NOT NULL) ORDER BY id
            """)
        return [
            "address": key,
            "exported_at": Timestamps.rfc3339(now),
            "profile": try rows("SELECT * FROM customer_profile WHERE address = ?", [key]).first ?? NSNull(),
            "tickets": tickets,
            "raw_messages": raw,
            "outbox": try rows("SELECT * FROM outbox WHERE recipient = ? COLLATE NOCASE ORDER BY id", [key]),
            "undeliverable": try rows("SELECT * FROM undeliverable WHERE address = ?", [key]),
            "auto_reply_log": try rows("SELECT * FROM auto_reply_log WHERE recipient = ? ORDER BY sent_at", [key]),
            "rate_limit_trips": try rows("SELECT * FROM rate_limit_trip WHERE address = ?", [key]),
        ]
    }

    /// Tickets the address opened or takes part in.
    public static func ticketIDs(_ db: Database, address: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT id FROM ticket WHERE customer = ?
            UNION SELECT ticket_id FROM participant WHERE address = ? COLLATE NOCASE ORDER BY 1
            """, arguments: [address, address])
    }

    /// A row as JSON values: text, numbers, null, and blobs as `{"base64": …}`.
    static func json(_ row: Row) -> [String: Any] {
        var out: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: out[column] = NSNull()
            case let .int64(number): out[column] = number
            case let .double(number): out[column] = number
            case let .string(text): out[column] = text
            case let .blob(data): out[column] = ["base64": data.base64EncodedString()]
            }
        }
        return out
    }
}
