import Foundation

/// `{"name": string|null, "address": string}` (docs/cli.md#common-json-values): `name` is always present, null
/// when unknown.
public struct AddressView: Codable, Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
    }

    static func decodeList(_ json: String?) -> [AddressView] {
        guard let json, let data = json.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([AddressView].self, from: data)) ?? []
    }

    static func encodeList(_ list: [AddressView]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }
}

/// One line of `tickets list --json`.
public struct TicketSummaryView: Encodable, Sendable {
    public var id: Int64
    public var subject: String
    public var status: String
    public var priority: String
    public var category: String?
    public var customer: AddressView
    public var assignee: String?
    public var createdAt: String
    public var updatedAt: String
    /// The due estimate's expected close (null without one).
    public var dueAt: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, subject, status, priority, category, customer, assignee
        case createdAt = "created_at", updatedAt = "updated_at", dueAt = "due_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(subject, forKey: .subject)
        try c.encode(status, forKey: .status)
        try c.encode(priority, forKey: .priority)
        try c.encode(category, forKey: .category)
        try c.encode(customer, forKey: .customer)
        try c.encode(assignee, forKey: .assignee)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(dueAt, forKey: .dueAt)
    }
}

/// An attachment in `tickets show --json`.
public struct AttachmentView: Encodable, Sendable {
    public var name: String?
    public var contentType: String
    public var size: Int
    public var contentId: String?
    public var disposition: String?
    public var sha256: String

    public init(name: String?, contentType: String, size: Int, contentId: String?, disposition: String?, sha256: String) {
        self.name = name
        self.contentType = contentType
        self.size = size
        self.contentId = contentId
        self.disposition = disposition
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case name, size, disposition, sha256
        case contentType = "content_type", contentId = "content_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(contentType, forKey: .contentType)
        try c.encode(size, forKey: .size)
        try c.encode(contentId, forKey: .contentId)
        try c.encode(disposition, forKey: .disposition)
        try c.encode(sha256, forKey: .sha256)
    }
}

/// An entry in `tickets show --json`.
public struct EntryView: Encodable, Sendable {
    public var id: Int64
    public var kind: String
    public var from: AddressView?
    public var to: [AddressView]
    public var cc: [AddressView]
    public var messageId: String?
    public var body: String
    public var fullBody: String
    public var attachments: [AttachmentView]
    public var createdAt: String
    /// The agent who wrote an `agent`/`note` entry (null otherwise).
    public var author: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, kind, from, to, cc, body, attachments, author
        case messageId = "message_id", fullBody = "full_body", createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(cc, forKey: .cc)
        try c.encode(messageId, forKey: .messageId)
        try c.encode(body, forKey: .body)
        try c.encode(fullBody, forKey: .fullBody)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(author, forKey: .author)
    }
}

/// `tickets show N --json`: the ticket's fields plus participants and entries.
public struct TicketDetailView: Encodable, Sendable {
    public var ticket: TicketSummaryView
    public var participants: [AddressView]
    public var entries: [EntryView]

    enum ExtraKeys: String, CodingKey { case participants, entries }

    public func encode(to encoder: any Encoder) throws {
        try ticket.encode(to: encoder)
        var c = encoder.container(keyedBy: ExtraKeys.self)
        try c.encode(participants, forKey: .participants)
        try c.encode(entries, forKey: .entries)
    }
}
