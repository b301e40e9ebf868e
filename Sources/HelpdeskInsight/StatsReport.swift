import Foundation

/// `maildesk stats --json`: one document, snake_case keys, RFC 3339 UTC dates, durations in seconds
/// (every duration key ends in `_seconds`). A figure that cannot be computed yet is `null`, never absent.
public struct StatsReport: Encodable, Sendable, Equatable {
    public var since: Date
    public var generatedAt: Date
    /// New tickets created since `since`.
    public var tickets: Int
    public var volumePerDay: [DayVolume]
    public var firstResponse: Timing
    public var resolution: Timing
    public var autoAnswer: AutoAnswer
    public var backlog: Backlog
    public var perCategory: [Group]
    public var perAgent: [Group]
    /// Mean absolute error of the due estimate in hours on the newest 20% of closed tickets (null with
    /// fewer than ``DueEstimator/minimumSamples`` closed tickets).
    public var dueEstimateMaeHours: Double?

    public struct DayVolume: Encodable, Sendable, Equatable {
        /// `YYYY-MM-DD`, a UTC day.
        public var date: String
        public var newTickets: Int
        /// Tickets open, pending or answered at the end of that day.
        public var backlog: Int
        enum CodingKeys: String, CodingKey { case date, newTickets = "new_tickets", backlog }
    }

    public struct Timing: Encodable, Sendable, Equatable {
        /// Tickets the figure is computed over.
        public var tickets: Int
        public var medianSeconds: Double?
        public var p90Seconds: Double?
        enum CodingKeys: String, CodingKey { case tickets, medianSeconds = "median_seconds", p90Seconds = "p90_seconds" }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(tickets, forKey: .tickets)
            try c.encode(medianSeconds.map(RFC3339.milliseconds), forKey: .medianSeconds)
            try c.encode(p90Seconds.map(RFC3339.milliseconds), forKey: .p90Seconds)
        }
    }

    public struct AutoAnswer: Encodable, Sendable, Equatable {
        /// Tickets whose first reply was an `auto_answer`.
        public var answered: Int
        /// Of those, tickets the customer wrote to again afterwards.
        public var reopened: Int
        /// `answered` / new tickets (`tickets`).
        public var rate: Double?
        /// (`answered` − `reopened`) / `answered`.
        public var precision: Double?
        enum CodingKeys: String, CodingKey { case answered, reopened, rate, precision }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(answered, forKey: .answered)
            try c.encode(reopened, forKey: .reopened)
            try c.encode(rate, forKey: .rate)
            try c.encode(precision, forKey: .precision)
        }
    }

    /// Tickets not closed now, whenever they were created.
    public struct Backlog: Encodable, Sendable, Equatable {
        public var open: Int
        public var pending: Int
        public var answered: Int
        public var total: Int { open + pending + answered }
        public init(open: Int, pending: Int, answered: Int) {
            self.open = open
            self.pending = pending
            self.answered = answered
        }
        enum CodingKeys: String, CodingKey { case open, pending, answered, total }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(open, forKey: .open)
            try c.encode(pending, forKey: .pending)
            try c.encode(answered, forKey: .answered)
            try c.encode(total, forKey: .total)
        }
    }

    /// One category (key `category`) or one assignee (key `agent`); `null` = none set.
    public struct Group: Sendable, Equatable {
        public var name: String?
        public var tickets: Int
        /// Of these, not closed now.
        public var backlog: Int
        public var firstResponseMedianSeconds: Double?
        public var resolutionMedianSeconds: Double?
    }

    enum CodingKeys: String, CodingKey {
        case since, generatedAt = "generated_at", tickets, volumePerDay = "volume_per_day"
        case firstResponse = "first_response", resolution, autoAnswer = "auto_answer", backlog
        case perCategory = "per_category", perAgent = "per_agent", dueEstimateMaeHours = "due_estimate_mae_hours"
    }

    struct GroupKeys: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(RFC3339.string(since), forKey: .since)
        try c.encode(RFC3339.string(generatedAt), forKey: .generatedAt)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(volumePerDay, forKey: .volumePerDay)
        try c.encode(firstResponse, forKey: .firstResponse)
        try c.encode(resolution, forKey: .resolution)
        try c.encode(autoAnswer, forKey: .autoAnswer)
        try c.encode(backlog, forKey: .backlog)
        for (key, groups, label) in [(CodingKeys.perCategory, perCategory, "category"), (.perAgent, perAgent, "agent")] {
            var list = c.nestedUnkeyedContainer(forKey: key)
            for group in groups {
                var g = list.nestedContainer(keyedBy: GroupKeys.self)
                try g.encode(group.name, forKey: GroupKeys(stringValue: label))
                try g.encode(group.tickets, forKey: GroupKeys(stringValue: "tickets"))
                try g.encode(group.backlog, forKey: GroupKeys(stringValue: "backlog"))
                try g.encode(group.firstResponseMedianSeconds.map(RFC3339.milliseconds),
                             forKey: GroupKeys(stringValue: "first_response_median_seconds"))
                try g.encode(group.resolutionMedianSeconds.map(RFC3339.milliseconds),
                             forKey: GroupKeys(stringValue: "resolution_median_seconds"))
            }
        }
        try c.encode(dueEstimateMaeHours, forKey: .dueEstimateMaeHours)
    }
}

/// RFC 3339 (section 5.6) UTC timestamps and `YYYY-MM-DD` UTC days.
public enum RFC3339 {
    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    public static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Seconds rounded to milliseconds for JSON (the database keeps milliseconds).
    public static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000).rounded() / 1_000 }

    /// Midnight UTC of the day `date` falls in.
    public static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
