import Foundation
import HelpdeskInsight
import MaildeskStore

/// `maildesk stats` and `maildesk report`: the store's rows into the pure figures, charts and topics.
public struct Insight: Sendable {
    public let database: MaildeskDatabase

    public init(database: MaildeskDatabase) { self.database = database }

    /// The figures over tickets created in `[since, now]`; the backlog counts every ticket.
    public func stats(since: Date, now: Date = Date()) throws -> StatsReport {
        let (rows, counts, closed) = try database.read { db in
            (try InsightQueries.tickets(db, since: since), try InsightQueries.statusCounts(db), try DueQueries.closedTickets(db))
        }
        var report = InsightStats.compute(rows.map(Self.facts), since: since, now: now, backlog: Self.backlog(counts))
        report.dueEstimateMaeHours = LiveDueEstimator.fit(closed)?.maeHours
        return report
    }

    /// The HTML report: stats since `since`, emerging topics of the last `days` days against the
    /// `days` before.
    public func report(since: Date, days: Int, now: Date = Date()) throws -> HTMLReport {
        let window = Double(days) * 86_400
        let topicStart = now.addingTimeInterval(-window)
        let (rows, counts, current, previous, closed) = try database.read { db in
            (try InsightQueries.tickets(db, since: since), try InsightQueries.statusCounts(db),
             try InsightQueries.firstCustomerTexts(db, from: topicStart, to: now.addingTimeInterval(1)),
             try InsightQueries.firstCustomerTexts(db, from: topicStart.addingTimeInterval(-window), to: topicStart),
             try DueQueries.closedTickets(db))
        }
        let facts = rows.map(Self.facts)
        var stats = InsightStats.compute(facts, since: since, now: now, backlog: Self.backlog(counts))
        stats.dueEstimateMaeHours = LiveDueEstimator.fit(closed)?.maeHours
        func documents(_ list: [(id: Int64, subject: String, text: String, createdAt: Date)]) -> [TopicDocument] {
            list.map { TopicDocument(ticketID: $0.id, subject: $0.subject, text: $0.text, createdAt: $0.createdAt) }
        }
        let topics = EmergingTopics.find(current: documents(current), previous: documents(previous))
        let resolution = facts.filter { $0.createdAt >= since && !$0.merged }.compactMap(\.resolutionSeconds)
        return HTMLReport(stats: stats, resolutionSeconds: resolution, topics: topics, topicDays: days, topicStart: topicStart,
                          unclustered: current.count - topics.reduce(0) { $0 + $1.current })
    }

    static func facts(_ row: InsightTicketRow) -> TicketFacts {
        TicketFacts(id: row.id, subject: row.subject, createdAt: row.createdAt, status: row.status, category: row.category,
                    assignee: row.assignee, firstAgentAt: row.firstAgentAt, firstAutoAnswerAt: row.firstAutoAnswerAt,
                    closedAt: row.closedAt, reopenedAfterAutoAnswer: row.customerWroteAfterAutoAnswer, merged: row.merged)
    }

    static func backlog(_ counts: [String: Int]) -> StatsReport.Backlog {
        StatsReport.Backlog(open: counts["open"] ?? 0, pending: counts["pending"] ?? 0, answered: counts["answered"] ?? 0)
    }
}
