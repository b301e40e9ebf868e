import Foundation
import GRDB
import MaildeskStore

/// The figures `maildesk run` exports after each poll, read from the database (so they are right
/// across restarts and for every process sharing the database) plus the last poll's timing.
public struct MetricsSnapshot: Sendable, Equatable {
    /// Messages recorded by ingest (`ingest_record`), by outcome: `entry`, `duplicate`, `quarantined`.
    public var ingestedByOutcome: [String: Int] = [:]
    /// Tickets by status; every status of docs/cli.md#identifiers-and-states is present (0 when none).
    public var ticketsByStatus: [String: Int] = [:]
    /// Outbox rows still to deliver (`queued` or `sending`).
    public var outboxDepth = 0
    /// Outbox rows that failed permanently.
    public var outboxFailed = 0
    /// Quarantined messages still held.
    public var quarantineSize = 0
    /// How long the last poll took, in seconds.
    public var pollDurationSeconds: Double = 0
    /// When the last poll finished (Unix time, seconds).
    public var lastPollTimestamp: Double = 0

    public static let ticketStatuses = ["open", "pending", "answered", "closed"]

    public init() {}

    /// Runs the counting queries in one read transaction.
    public static func read(_ db: Database, pollDuration: Double, lastPoll: Date) throws -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        snapshot.pollDurationSeconds = pollDuration
        snapshot.lastPollTimestamp = lastPoll.timeIntervalSince1970
        for row in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n FROM ingest_record GROUP BY outcome") {
            snapshot.ingestedByOutcome[row["outcome"]] = row["n"]
        }
        for status in ticketStatuses { snapshot.ticketsByStatus[status] = 0 }
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM ticket GROUP BY status") {
            snapshot.ticketsByStatus[row["status"]] = row["n"]
        }
        snapshot.outboxDepth = try OutboxQueue.depth(db)
        snapshot.outboxFailed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'failed'") ?? 0
        snapshot.quarantineSize = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM quarantine WHERE status = 'held'") ?? 0
        return snapshot
    }

    /// All messages ingested, whatever the outcome.
    public var ingestedTotal: Int { ingestedByOutcome.values.reduce(0, +) }
}
