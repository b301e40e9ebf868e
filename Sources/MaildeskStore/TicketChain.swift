import GRDB

/// Tickets linked to another: `#merge` (`merged_into`) and a reply to a closed ticket that opened a new
/// one (`follows_ticket`, `closed_reply = "new"`).
public enum TicketChain {
    public enum Link: String, Sendable {
        case mergedInto = "merged_into", followsTicket = "follows_ticket"
    }

    /// The ticket at the end of `link`s from `id` (a few hops at most; `id` itself without a link).
    public static func end(_ db: Database, from id: Int64, following link: Link) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "SELECT \(link.rawValue) FROM ticket WHERE id = ?")
        var current = id
        for _ in 0..<8 {
            guard let next = try Int64.fetchOne(statement, arguments: [current]) else { break }
            current = next
        }
        return current
    }
}
