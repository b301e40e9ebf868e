import Foundation
import GRDB

/// A customer as `customers list` shows one (docs/cli.md#customers: `customers list|show ADDR`).
public struct CustomerSummaryView: Encodable, Sendable {
    public var address: String
    public var name: String?
    public var organisation: String
    public var tickets: Int
    public var firstContact: String
    public var lastContact: String

    enum CodingKeys: String, CodingKey {
        case address, name, organisation, tickets
        case firstContact = "first_contact", lastContact = "last_contact"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(name, forKey: .name)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(firstContact, forKey: .firstContact)
        try c.encode(lastContact, forKey: .lastContact)
    }
}

/// `customers show ADDR`: the profile, ticket history and satisfaction signals.
public struct CustomerDetailView: Encodable, Sendable {
    public var customer: CustomerSummaryView
    /// Every display name seen for the address, newest first.
    public var names: [String]
    public var ticketList: [TicketSummaryView]
    /// Closed tickets the customer's mail opened again (reopen events).
    public var reopenCount: Int
    public var autoAnswers: Int
    /// Auto-answered tickets closed without an agent's reply.
    public var autoAnswersAccepted: Int

    enum CodingKeys: String, CodingKey {
        case address, name, names, organisation, tickets
        case firstContact = "first_contact", lastContact = "last_contact", reopenCount = "reopen_count"
        case autoAnswers = "auto_answers", autoAnswersAccepted = "auto_answers_accepted"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customer.address, forKey: .address)
        try c.encode(customer.name, forKey: .name)
        try c.encode(names, forKey: .names)
        try c.encode(customer.organisation, forKey: .organisation)
        try c.encode(ticketList, forKey: .tickets)
        try c.encode(customer.firstContact, forKey: .firstContact)
        try c.encode(customer.lastContact, forKey: .lastContact)
        try c.encode(reopenCount, forKey: .reopenCount)
        try c.encode(autoAnswers, forKey: .autoAnswers)
        try c.encode(autoAnswersAccepted, forKey: .autoAnswersAccepted)
    }
}

/// Read-side queries about customers (CRM-lite). A customer is an address that opened tickets; the
/// organisation is its mail domain unless an admin set one (`customers show ADDR --organisation`).
public enum CustomerQueries {
    public static func list(_ db: Database) throws -> [CustomerSummaryView] {
        try Row.fetchAll(db, sql: summarySQL(where: "t.customer NOT LIKE '%@erased.invalid'")
                         + " ORDER BY MAX(t.updated_at) DESC").map(summary)
    }

    public static func detail(_ db: Database, address: String) throws -> CustomerDetailView? {
        let key = address.lowercased()
        guard let row = try Row.fetchOne(db, sql: summarySQL(where: "t.customer = ?"), arguments: [key]) else { return nil }
        let tickets = try TicketRecord.fetchAll(db, sql: "SELECT * FROM ticket WHERE customer = ? ORDER BY id DESC",
                                                arguments: [key]).map(TicketQueries.summary)
        let names = try String.fetchAll(db, sql: """
            SELECT customer_name FROM ticket WHERE customer = ? AND customer_name IS NOT NULL
            GROUP BY customer_name ORDER BY MAX(id) DESC
            """, arguments: [key])
        let reopens = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
            WHERE t.customer = ? AND e.action = 'reopen' AND e.actor = 'customer'
            """, arguments: [key]) ?? 0
        let autoAnswers = try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT t.id) FROM ticket t JOIN entry e ON e.ticket_id = t.id
            WHERE t.customer = ? AND e.kind = 'auto_answer'
            """, arguments: [key]) ?? 0
        let accepted = try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT t.id) FROM ticket t JOIN entry e ON e.ticket_id = t.id
            WHERE t.customer = ? AND e.kind = 'auto_answer' AND t.status = 'closed'
              AND NOT EXISTS (SELECT 1 FROM entry a WHERE a.ticket_id = t.id AND a.kind = 'agent')
            """, arguments: [key]) ?? 0
        return CustomerDetailView(customer: summary(row), names: names, ticketList: tickets, reopenCount: reopens,
                                  autoAnswers: autoAnswers, autoAnswersAccepted: accepted)
    }

    /// Sets (or with nil clears) the organisation shown for `address`.
    public static func setOrganisation(_ db: Database, address: String, organisation: String?) throws {
        try db.execute(sql: """
            INSERT INTO customer_profile (address, organisation) VALUES (?, ?)
            ON CONFLICT(address) DO UPDATE SET organisation = excluded.organisation
            """, arguments: [address.lowercased(), organisation])
    }

    /// One row per customer address: newest display name, organisation override, counts and dates.
    static func summarySQL(where condition: String) -> String {
        """
        SELECT t.customer AS address,
               (SELECT customer_name FROM ticket n WHERE n.customer = t.customer AND n.customer_name IS NOT NULL
                ORDER BY n.id DESC LIMIT 1) AS name,
               p.organisation AS organisation, COUNT(*) AS tickets,
               MIN(t.created_at) AS first_contact, MAX(t.updated_at) AS last_contact
        FROM ticket t LEFT JOIN customer_profile p ON p.address = t.customer
        WHERE \(condition) GROUP BY t.customer
        """
    }

    static func summary(_ row: Row) -> CustomerSummaryView {
        let address: String = row["address"]
        let domain = address.split(separator: "@").last.map(String.init) ?? address
        let first: Date = row["first_contact"]
        let last: Date = row["last_contact"]
        return CustomerSummaryView(address: address, name: row["name"], organisation: (row["organisation"] as String?) ?? domain,
                                   tickets: row["tickets"], firstContact: Timestamps.rfc3339(first),
                                   lastContact: Timestamps.rfc3339(last))
    }
}
