import Foundation
import HelpdeskInsight
import Testing

/// The stats figures on a crafted history with known answers.
@Suite struct InsightStatsTests {
    static let base = Date(timeIntervalSince1970: 1_793_577_600)   // 2026-11-02T00:00:00Z
    static func at(hours: Double) -> Date { base.addingTimeInterval(hours * 3_600) }

    /// Ten tickets, one an hour from 00:00: ticket i is first answered after i hours and (i ≤ 8)
    /// closed after 2·i hours. Tickets 1–3 got an automatic answer first (2 was reopened), ticket 4's
    /// agent answered before its automatic answer. Ticket 11 was merged; ticket 12 is older than the
    /// period and stays in the backlog until 2026-11-03T06:00.
    static func history() -> [TicketFacts] {
        var facts: [TicketFacts] = (1...10).map { i in
            let created = at(hours: Double(i - 1))
            let first = created.addingTimeInterval(Double(i) * 3_600)
            var t = TicketFacts(id: Int64(i), createdAt: created, status: i <= 8 ? "closed" : (i == 9 ? "open" : "pending"),
                                category: i <= 5 ? "billing" : (i <= 8 ? "shipping" : nil),
                                assignee: i <= 4 ? "alice" : "bob",
                                closedAt: i <= 8 ? created.addingTimeInterval(Double(2 * i) * 3_600) : nil)
            if i <= 3 {
                t.firstAutoAnswerAt = first
                t.firstAgentAt = i == 3 ? first.addingTimeInterval(600) : nil
                t.reopenedAfterAutoAnswer = i == 2
            } else {
                t.firstAgentAt = first
                if i == 4 { t.firstAutoAnswerAt = first.addingTimeInterval(3_600) }
            }
            return t
        }
        facts.append(TicketFacts(id: 11, createdAt: at(hours: 30), status: "closed", closedAt: at(hours: 31), merged: true))
        facts.append(TicketFacts(id: 12, createdAt: at(hours: -12), status: "closed", firstAgentAt: at(hours: -11),
                                 closedAt: at(hours: 30)))
        return facts
    }

    func report() -> StatsReport {
        InsightStats.compute(Self.history(), since: Self.base, now: Self.at(hours: 60),
                             backlog: StatsReport.Backlog(open: 1, pending: 1, answered: 0))
    }

    @Test func responseAndResolutionMediansAndP90() {
        let r = report()
        #expect(r.tickets == 11)
        // 1, 2, …, 10 hours: median (5 + 6) / 2, p90 at rank 0.9 · 9 = 8.1 → 9 + 0.1 · 1.
        #expect(r.firstResponse.tickets == 10)
        #expect(r.firstResponse.medianSeconds == 5.5 * 3_600)
        #expect(abs(r.firstResponse.p90Seconds! - 9.1 * 3_600) < 1e-6)
        // 2, 4, …, 16 hours: median (8 + 10) / 2, p90 at rank 6.3 → 14 + 0.3 · 2.
        #expect(r.resolution.tickets == 8)
        #expect(abs(r.resolution.medianSeconds! - 9 * 3_600) < 1e-6)
        #expect(abs(r.resolution.p90Seconds! - 14.6 * 3_600) < 1e-6)
        #expect(r.dueEstimateMaeHours == nil)
    }

    @Test func autoAnswerRateAndPrecision() {
        let a = report().autoAnswer
        #expect(a.answered == 3)
        #expect(a.reopened == 1)
        #expect(abs(a.rate! - 3.0 / 11.0) < 1e-12)
        #expect(abs(a.precision! - 2.0 / 3.0) < 1e-12)
    }

    @Test func volumeAndBacklogPerDay() {
        let days = report().volumePerDay
        #expect(days.map(\.date) == ["2026-11-02", "2026-11-03", "2026-11-04"])
        #expect(days.map(\.newTickets) == [10, 1, 0])
        // End of 11-02: tickets 9, 10 and the older 12 (closed 11-03 06:00); the merged one never counts.
        #expect(days.map(\.backlog) == [3, 2, 2])
    }

    @Test func perCategoryAndPerAgent() {
        let r = report()
        #expect(r.perCategory.map(\.name) == ["billing", "shipping", nil])
        #expect(r.perCategory.map(\.tickets) == [5, 3, 2])
        let hour = 3_600.0
        let firstResponse: [Double?] = [3 * hour, 7 * hour, 9.5 * hour]
        let resolution: [Double?] = [6 * hour, 14 * hour, nil]
        #expect(r.perCategory.map(\.firstResponseMedianSeconds) == firstResponse)
        #expect(r.perCategory.map(\.resolutionMedianSeconds) == resolution)
        #expect(r.perCategory.map(\.backlog) == [0, 0, 2])
        #expect(r.perAgent.map(\.name) == ["bob", "alice"])
        #expect(r.perAgent.map(\.tickets) == [6, 4])
        let agents: [Double?] = [7.5 * hour, 2.5 * hour]
        #expect(r.perAgent.map(\.firstResponseMedianSeconds) == agents)
    }

    @Test func percentilesOfSmallSamples() {
        #expect(Percentiles([]).median == nil)
        #expect(Percentiles([7]).p90 == 7)
        #expect(Percentiles([3, 1, 2]).median == 2)
        #expect(Percentiles([1, 2, 3, 4]).median == 2.5)
        #expect(abs(Percentiles(Array(1...10).map(Double.init)).p90! - 9.1) < 1e-12)
        #expect(Percentiles([10, 20]).p90 == 19)
    }

    @Test func jsonHasEveryKeyWithNullsAndRFC3339Dates() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let empty = InsightStats.compute([], since: Self.base, now: Self.at(hours: 1), backlog: .init(open: 0, pending: 0, answered: 0))
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(empty)) as? [String: Any])
        #expect(Set(object.keys) == ["since", "generated_at", "tickets", "volume_per_day", "first_response", "resolution",
                                     "auto_answer", "backlog", "per_category", "per_agent", "due_estimate_mae_hours"])
        #expect(object["due_estimate_mae_hours"] is NSNull)
        #expect(object["since"] as? String == "2026-11-02T00:00:00Z")
        let first = try #require(object["first_response"] as? [String: Any])
        #expect(Set(first.keys) == ["tickets", "median_seconds", "p90_seconds"])
        #expect(first["median_seconds"] is NSNull)
        let auto = try #require(object["auto_answer"] as? [String: Any])
        #expect(auto["rate"] is NSNull && auto["precision"] is NSNull)
        let full = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report())) as? [String: Any])
        let category = try #require((full["per_category"] as? [[String: Any]])?.last)
        #expect(Set(category.keys) == ["category", "tickets", "backlog", "first_response_median_seconds", "resolution_median_seconds"])
        #expect(category["category"] is NSNull)
        #expect((full["per_agent"] as? [[String: Any]])?.first?["agent"] as? String == "bob")
        #expect((full["backlog"] as? [String: Any])?["total"] as? Int == 2)
    }
}
