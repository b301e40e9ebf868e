/// What one poll of a source did; printed by `poll --once` and logged by `run`.
public struct PollReport: Sendable, Equatable, Codable {
    public var fetched = 0
    public var newTickets = 0
    public var followUps = 0
    public var duplicates = 0
    public var quarantined = 0
    public var alreadySeen = 0
    public var queuedMail = 0

    public init() {}

    mutating func add(_ result: IngestResult) {
        fetched += 1
        switch result {
        case let .entry(_, _, newTicket, _, queued):
            if newTicket { newTickets += 1 } else { followUps += 1 }
            queuedMail += queued
        case .duplicate: duplicates += 1
        case .quarantined: quarantined += 1
        case .alreadySeen: alreadySeen += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case fetched, duplicates, quarantined
        case newTickets = "new_tickets", followUps = "follow_ups", alreadySeen = "already_seen", queuedMail = "queued_mail"
    }
}

/// A source of incoming mail that can be polled: an IMAP mailbox or a Maildir.
public protocol MailSource: Sendable {
    var name: String { get }
    /// Fetches and ingests everything new; `shouldStop` is checked between messages (graceful shutdown).
    func pollOnce(shouldStop: @escaping @Sendable () -> Bool) async throws -> PollReport
}
