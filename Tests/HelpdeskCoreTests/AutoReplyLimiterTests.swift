import Foundation
import HelpdeskCore
import Testing

@Suite struct AutoReplyLimiterTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    func ago(_ minutes: Double, count: Int) -> [Date] { Array(repeating: now.addingTimeInterval(-minutes * 60), count: count) }

    @Test func recipientTiers() {
        let limiter = AutoReplyLimiter()
        #expect(limiter.decide(toRecipient: ago(5, count: 29), onTicket: [], now: now) == .allowed)
        #expect(limiter.decide(toRecipient: ago(5, count: 30), onTicket: [], now: now) == .tripped("30 in 10 min per address"))
        // Older than 10 minutes: the next tier (60 in 30 min) applies.
        #expect(limiter.decide(toRecipient: ago(20, count: 39), onTicket: [], now: now) == .allowed)
        #expect(limiter.decide(toRecipient: ago(700, count: 500), onTicket: [], now: now) == .tripped("40 a day per address"))
        #expect(AutoReplyLimiter(perDay: 1000).decide(toRecipient: ago(700, count: 500), onTicket: [], now: now) == .allowed)
    }

    @Test func ticketTiers() {
        let limiter = AutoReplyLimiter(perDay: 1000)
        #expect(limiter.decide(toRecipient: ago(5, count: 10), onTicket: ago(5, count: 10), now: now)
                == .tripped("10 in 10 min per ticket and address"))
        #expect(limiter.decide(toRecipient: ago(5, count: 9), onTicket: ago(5, count: 9), now: now) == .allowed)
    }
}
