import Foundation
import GRDB

/// `explain ID --json` (docs/cli.md#explain): why a stored mail went where it did.
public struct ExplainView: Encodable, Sendable {
    public var messageId: String?
    public var entryId: Int64
    public var ticket: Int64
    public var explanation: [String: JSONValue]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        try c.encode(messageId, forKey: DynamicKey("message_id"))
        try c.encode(entryId, forKey: DynamicKey("entry"))
        try c.encode(ticket, forKey: DynamicKey("ticket"))
        // `agent`: null, or {"id","verified","how"|"why"} as stored (docs/agents.md); null for entries
        // stored before agents existed too.
        for key in ["rule", "rejected", "mail_class", "class_headers", "trim", "agent"] {
            try c.encode(explanation[key] ?? .null, forKey: DynamicKey(key))
        }
    }
}

public enum ExplainQueries {
    /// Looks an entry up by Message-ID (with or without `<>`) or by entry id.
    public static func explain(_ db: Database, id: String) throws -> ExplainView? {
        let messageID = id.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        var row = try Row.fetchOne(db, sql: """
            SELECT id, ticket_id, message_id, explain_json FROM entry
            WHERE message_id = ? AND explain_json IS NOT NULL ORDER BY id LIMIT 1
            """, arguments: [messageID])
        if row == nil, let entry = Int64(id) {
            row = try Row.fetchOne(db, sql: "SELECT id, ticket_id, message_id, explain_json FROM entry WHERE id = ?",
                                   arguments: [entry])
        }
        guard let row else { return nil }
        let text: String? = row["explain_json"]
        let parsed = text.flatMap { try? JSONDecoder().decode([String: JSONValue].self, from: Data($0.utf8)) } ?? [:]
        return ExplainView(messageId: row["message_id"], entryId: row["id"], ticket: row["ticket_id"], explanation: parsed)
    }
}

/// Any JSON value, for passing stored JSON through unchanged.
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .number(n): try c.encode(n)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }
}

struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
