import Foundation

/// Tiered limits on automatic mail (acknowledgements, auto-answers, notifications to customers), so
/// that two robots answering each other stop within minutes.
///
/// Defaults as in docs/design.md#loop-safety: Zammad's per-recipient tiers (30 in 10 min, 60 in 30, 120
/// in 60, 240 in 180, 360 in 600), its per ticket+recipient tiers (10/10, 15/30, 25/60, 50/180,
/// 100/600) and Znuny's 40 a day per address.
/// - SeeAlso: RFC 3834 §2 ("automatic responses … SHOULD be rate-limited")
public struct AutoReplyLimiter: Sendable, Equatable {
    public struct Tier: Sendable, Equatable, CustomStringConvertible {
        public var max: Int
        public var minutes: Int
        public init(max: Int, minutes: Int) {
            self.max = max
            self.minutes = minutes
        }
        public var description: String { "\(max) in \(minutes) min" }
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        /// A limit was reached; automatic mail to this recipient stops (the circuit opens).
        case tripped(String)
    }

    public var perRecipient: [Tier]
    public var perTicketRecipient: [Tier]
    public var perDay: Int

    public init(perRecipient: [Tier] = Self.recipientTiers, perTicketRecipient: [Tier] = Self.ticketTiers, perDay: Int = 40) {
        self.perRecipient = perRecipient
        self.perTicketRecipient = perTicketRecipient
        self.perDay = perDay
    }

    public static let recipientTiers = [
        Tier(max: 30, minutes: 10), Tier(max: 60, minutes: 30), Tier(max: 120, minutes: 60),
        Tier(max: 240, minutes: 180), Tier(max: 360, minutes: 600),
    ]
    public static let ticketTiers = [
        Tier(max: 10, minutes: 10), Tier(max: 15, minutes: 30), Tier(max: 25, minutes: 60),
        Tier(max: 50, minutes: 180), Tier(max: 100, minutes: 600),
    ]

    /// Whether one more automatic mail may go to a recipient, given when earlier ones went
    /// (`toRecipient`: all within the last day; `onTicket`: those about the same ticket).
    public func decide(toRecipient: [Date], onTicket: [Date], now: Date) -> Decision {
        func count(_ dates: [Date], minutes: Int) -> Int {
            let since = now.addingTimeInterval(-Double(minutes) * 60)
            return dates.reduce(0) { $0 + ($1 > since ? 1 : 0) }
        }
        if count(toRecipient, minutes: 1440) >= perDay { return .tripped("\(perDay) a day per address") }
        for tier in perRecipient where count(toRecipient, minutes: tier.minutes) >= tier.max {
            return .tripped("\(tier) per address")
        }
        for tier in perTicketRecipient where count(onTicket, minutes: tier.minutes) >= tier.max {
            return .tripped("\(tier) per ticket and address")
        }
        return .allowed
    }
}
