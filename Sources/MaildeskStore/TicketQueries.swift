import Foundation
import GRDB

/// Filters of `tickets list` (docs/cli.md#tickets-list).
public struct TicketFilter: Sendable {
    public var status: String?
    public var category: String?
    public var assignee: String?
    public var customer: String?
    public var since: Date?

    public init(status: String? = nil, category: String? = nil, assignee: String? = nil,
                customer: String? = nil, since: Date? = nil) {
        self.status = status
        self.category = category
        self.assignee = assignee
        self.customer = customer
        self.since = since
    }
}

/// Read-side queries for the CLI.
public enum TicketQueries {
    public static func list(_ db: Database, filter: TicketFilter) throws -> [TicketSummaryView] {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let status = filter.status { clauses.append("status = ?"); arguments.append(status) }
        if let category = filter.category { clauses.append("category = ?"); arguments.append(category) }
        if let assignee = filter.assignee { clauses.append("assignee = ?"); arguments.append(assignee) }
        if let customer = filter.customer { clauses.append("customer = ? COLLATE NOCASE"); arguments.append(customer) }
        if let since = filter.since { clauses.append("created_at >= ?"); arguments.append(since) }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try TicketRecord.fetchAll(db, sql: "SELECT * FROM ticket \(whereSQL) ORDER BY id",
                                         arguments: StatementArguments(arguments)).map(summary)
    }

    public static func detail(_ db: Database, id: Int64) throws -> TicketDetailView? {
        guard let ticket = try TicketRecord.fetchOne(db, key: id) else { return nil }
        let participants = try ParticipantRecord.fetchAll(db, sql: """
            SELECT * FROM participant WHERE ticket_id = ? ORDER BY rowid
            """, arguments: [id]).map { AddressView(name: $0.name, address: $0.address) }
        let entries = try EntryRecord.fetchAll(db, sql: "SELECT * FROM entry WHERE ticket_id = ? ORDER BY id",
                                               arguments: [id])
        let views = try entries.map { entry in
            let attachments = try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachment WHERE entry_id = ? ORDER BY id",
                                                            arguments: [entry.id])
            return EntryView(
                id: entry.id ?? 0, kind: entry.kind,
                from: AddressView.decodeList(entry.fromJson).first,
                to: AddressView.decodeList(entry.toJson), cc: AddressView.decodeList(entry.ccJson),
                messageId: entry.messageId, body: entry.body, fullBody: entry.fullBody,
                attachments: attachments.map {
                    AttachmentView(name: $0.filename, contentType: $0.contentType, size: $0.size,
                                   contentId: $0.contentId, disposition: $0.disposition, sha256: $0.sha256)
                },
                createdAt: Timestamps.rfc3339(entry.createdAt), author: entry.author)
        }
        return TicketDetailView(ticket: summary(ticket), participants: participants, entries: views)
    }

    static func summary(_ t: TicketRecord) -> TicketSummaryView {
        TicketSummaryView(id: t.id ?? 0, subject: t.subject, status: t.status, priority: t.priority,
                          category: t.category, customer: AddressView(name: t.customerName, address: t.customer),
                          assignee: t.assignee, createdAt: Timestamps.rfc3339(t.createdAt),
                          updatedAt: Timestamps.rfc3339(t.updatedAt), dueAt: t.dueAt.map(Timestamps.rfc3339))
    }
}
