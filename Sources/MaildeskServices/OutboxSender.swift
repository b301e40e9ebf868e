import Foundation
import GRDB
import HelpdeskCore
import Logging
import MaildeskStore

/// Delivers the outbox: leases due rows, hands each to the sink, records the result. Temporary
/// failures are retried with backoff; permanent ones are kept as `failed` with the server's reply.
/// A crash between the server's 250 and our commit can resend a mail once, with the same Message-ID.
public struct OutboxSender: Sendable {
    public struct Report: Sendable, Equatable, Codable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        /// Queued rows left waiting out their backoff after this flush.
        public var waiting = 0
        /// Rows still leased by a process on this host that is gone: sent again when the lease runs out,
        /// or at once by `maildesk outbox flush`.
        public var leasedByGoneProcess = 0
        public init() {}

        enum CodingKeys: String, CodingKey {
            case sent, deferred, failed, waiting
            case leasedByGoneProcess = "leased_by_gone_process"
        }
    }

    let database: MaildeskDatabase
    let sink: any MailSink
    /// The retry policy in effect, read once per flush (`[limits] outbox_max_attempts` reloads on SIGHUP).
    let currentPolicy: @Sendable () -> RetryPolicy
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Called in the transaction that marks a row failed for good (the ticket shows it, agents are told).
    public var onPermanentFailure: (@Sendable (Database, OutboxRecord, String) throws -> Void)?

    public init(database: MaildeskDatabase, sink: any MailSink, policy: RetryPolicy, logger: Logger,
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.init(database: database, sink: sink, policy: { policy }, logger: logger, clock: clock)
    }

    public init(database: MaildeskDatabase, sink: any MailSink, policy: @escaping @Sendable () -> RetryPolicy,
                logger: Logger, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.sink = sink
        self.currentPolicy = policy
        self.logger = logger
        self.clock = clock
    }

    /// Sends everything that is due now; stops early when `shouldStop` says so.
    public func flush(shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> Report {
        var report = Report()
        var attempted = Set<Int64>()
        let policy = currentPolicy()
        while !shouldStop() {
            let now = clock()
            let rows = try await database.writer.write { db in
                try OutboxQueue.lease(db, now: now, limit: 50, leaseSeconds: 300, owner: LeaseOwner.current.description)
            }.filter { !attempted.contains($0.id ?? -1) }
            if rows.isEmpty { break }
            for row in rows {
                guard let id = row.id else { continue }
                attempted.insert(id)
                try await send(row, id: id, policy: policy, report: &report)
            }
        }
        try await countLeftovers(&report)
        return report
    }

    /// What the flush left behind, so "nothing sent" is never read as "the outbox is empty".
    func countLeftovers(_ report: inout Report) async throws {
        let now = clock()
        let (waiting, leases) = try await database.writer.read { db in
            (try OutboxAdmin.waitingCount(db, now: now), try OutboxAdmin.activeLeases(db, now: now))
        }
        report.waiting = waiting
        report.leasedByGoneProcess = leases.filter { LeaseOwner.liveness(of: $0.leaseOwner) == .gone }.count
    }

    func send(_ row: OutboxRecord, id: Int64, policy: RetryPolicy, report: inout Report) async throws {
        let metadata: Logger.Metadata = ["outbox.id": "\(id)", "ticket.id": "\(row.ticketId.map(String.init) ?? "-")",
                                         "smtp.rcpt": "\(row.recipient)"]
        let failure: DeliveryError?
        do {
            try await sink.deliver(row)
            failure = nil
        } catch {
            failure = error
        }
        guard let failure else {
            let now = clock()
            try await database.writer.write { try OutboxQueue.markSent($0, id: id, now: now) }
            report.sent += 1
            logger.info("mail sent", metadata: metadata)
            return
        }
        let attempts = row.attempts + 1
        let delay = failure.temporary ? policy.delay(afterAttempts: attempts) : nil
        let retryAt = delay.map { clock().addingTimeInterval($0) }
        let hook = retryAt == nil ? onPermanentFailure : nil
        try await database.writer.write { db in
            try OutboxQueue.markFailed(db, id: id, error: failure.description, retryAt: retryAt)
            try hook?(db, row, failure.description)
        }
        if retryAt != nil {
            report.deferred += 1
            logger.warning("delivery deferred: \(failure.description)", metadata: metadata)
        } else {
            report.failed += 1
            logger.error("delivery failed permanently: \(failure.description)", metadata: metadata)
        }
    }
}
