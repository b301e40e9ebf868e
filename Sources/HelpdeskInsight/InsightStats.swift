import Foundation

/// Computes ``StatsReport`` from ticket facts: pure, so tests feed crafted histories with known answers.
public enum InsightStats {
    /// - Parameters:
    ///   - facts: every ticket created since `since` plus every ticket that may have been in the backlog
    ///     then (extra tickets are harmless: each figure filters by its own rule).
    ///   - backlog: the status counts now, over all tickets.
    public static func compute(_ facts: [TicketFacts], since: Date, now: Date, backlog: StatsReport.Backlog) -> StatsReport {
        let period = facts.filter { $0.createdAt >= since && $0.createdAt <= now }
        let counted = period.filter { !$0.merged }
        let autoAnswered = counted.filter(\.firstReplyWasAutoAnswer)
        let reopened = autoAnswered.filter(\.reopenedAfterAutoAnswer).count
        return StatsReport(
            since: since, generatedAt: now, tickets: period.count,
            volumePerDay: days(facts, period: period, since: since, now: now),
            firstResponse: timing(counted.compactMap(\.firstResponseSeconds)),
            resolution: timing(counted.compactMap(\.resolutionSeconds)),
            autoAnswer: StatsReport.AutoAnswer(
                answered: autoAnswered.count, reopened: reopened,
                rate: period.isEmpty ? nil : Double(autoAnswered.count) / Double(period.count),
                precision: autoAnswered.isEmpty ? nil : Double(autoAnswered.count - reopened) / Double(autoAnswered.count)),
            backlog: backlog,
            perCategory: groups(counted, by: \.category),
            perAgent: groups(counted, by: \.assignee),
            dueEstimateMaeHours: nil)
    }

    static func timing(_ seconds: [Double]) -> StatsReport.Timing {
        let p = Percentiles(seconds)
        return StatsReport.Timing(tickets: p.count, medianSeconds: p.median, p90Seconds: p.p90)
    }

    /// One row per UTC day from the day of `since` to today: new tickets, and the backlog at the end
    /// of the day (at `now` for today).
    static func days(_ facts: [TicketFacts], period: [TicketFacts], since: Date, now: Date) -> [StatsReport.DayVolume] {
        let first = RFC3339.startOfDay(since), last = RFC3339.startOfDay(now)
        guard first <= last else { return [] }
        let count = Int((last.timeIntervalSince(first) / 86_400).rounded()) + 1
        var created = [Int](repeating: 0, count: count)
        for ticket in period {
            let index = Int(ticket.createdAt.timeIntervalSince(first) / 86_400)
            if index >= 0, index < count { created[index] += 1 }
        }
        // A sweep: backlog(t) = #(created < t) − #(closed < t), the closing instant clamped to creation.
        let open = facts.filter { !$0.merged }
        let starts = open.map(\.createdAt).sorted()
        let ends = open.compactMap { t in t.status == "closed" ? max(t.closedAt ?? t.createdAt, t.createdAt) : nil }.sorted()
        var s = 0, e = 0
        return (0..<count).map { i in
            let day = first.addingTimeInterval(Double(i) * 86_400)
            let end = min(day.addingTimeInterval(86_400), now)
            while s < starts.count, starts[s] < end { s += 1 }
            while e < ends.count, ends[e] < end { e += 1 }
            return StatsReport.DayVolume(date: RFC3339.day(day), newTickets: created[i], backlog: s - e)
        }
    }

    /// Groups sorted by ticket count (largest first), then by name; `nil` (none set) last among equals.
    static func groups(_ facts: [TicketFacts], by key: KeyPath<TicketFacts, String?>) -> [StatsReport.Group] {
        let grouped = Dictionary(grouping: facts) { $0[keyPath: key] }
        return grouped.map { name, tickets in
            StatsReport.Group(name: name, tickets: tickets.count,
                              backlog: tickets.filter { $0.status != "closed" }.count,
                              firstResponseMedianSeconds: Percentiles(tickets.compactMap(\.firstResponseSeconds)).median,
                              resolutionMedianSeconds: Percentiles(tickets.compactMap(\.resolutionSeconds)).median)
        }.sorted { a, b in
            if a.tickets != b.tickets { return a.tickets > b.tickets }
            switch (a.name, b.name) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            default: return false
            }
        }
    }
}
