import Foundation

/// What the insight figures need to know about one ticket, read from the store in one query.
///
/// Definitions (docs/admin-guide.md#statistics-and-report):
/// - *first response*: the earliest `agent` or `auto_answer` entry;
/// - *closed at*: for a ticket that is closed now, the last `#close`/`#solve` event, or the ticket's
///   `updated_at` when it was closed without one;
/// - *reopened after auto-answer*: a `customer` entry arrived after the first `auto_answer` entry
///   (which moves the ticket back to `open`).
public struct TicketFacts: Sendable, Equatable {
    public var id: Int64
    public var subject: String
    public var createdAt: Date
    public var status: String
    public var category: String?
    public var assignee: String?
    public var firstAgentAt: Date?
    public var firstAutoAnswerAt: Date?
    public var closedAt: Date?
    public var reopenedAfterAutoAnswer: Bool
    /// Merged into another ticket: counted as a new ticket, left out of every other figure.
    public var merged: Bool

    public init(id: Int64, subject: String = "", createdAt: Date, status: String, category: String? = nil,
                assignee: String? = nil, firstAgentAt: Date? = nil, firstAutoAnswerAt: Date? = nil,
                closedAt: Date? = nil, reopenedAfterAutoAnswer: Bool = false, merged: Bool = false) {
        self.id = id
        self.subject = subject
        self.createdAt = createdAt
        self.status = status
        self.category = category
        self.assignee = assignee
        self.firstAgentAt = firstAgentAt
        self.firstAutoAnswerAt = firstAutoAnswerAt
        self.closedAt = closedAt
        self.reopenedAfterAutoAnswer = reopenedAfterAutoAnswer
        self.merged = merged
    }

    /// The first reply of either kind.
    public var firstResponseAt: Date? {
        switch (firstAgentAt, firstAutoAnswerAt) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    /// The first reply was the knowledge base's automatic answer.
    public var firstReplyWasAutoAnswer: Bool {
        guard let auto = firstAutoAnswerAt else { return false }
        return firstAgentAt.map { auto <= $0 } ?? true
    }

    public var firstResponseSeconds: Double? { firstResponseAt.map { max(0, $0.timeIntervalSince(createdAt)) } }
    public var resolutionSeconds: Double? {
        guard status == "closed", let closedAt else { return nil }
        return max(0, closedAt.timeIntervalSince(createdAt))
    }
}
