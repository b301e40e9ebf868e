import Foundation
import GRDB
import MailMIME
import MaildeskStore

/// One outbox row for `maildesk outbox list`: the names of docs/cli.md (`id`, `to`, `subject`, `status`,
/// `attempts`, `next_attempt_at`, `last_error`) plus the ticket, kind, whether it is deferred and who
/// holds its lease.
public struct OutboxView: Sendable, Encodable, Equatable {
    public struct Lease: Sendable, Encodable, Equatable {
        public var owner: String?
        public var until: Date?
        /// `alive`, `gone` (the process died; `outbox flush` sends the row now) or `unknown`.
        public var state: String
    }

    public var id: Int64
    public var ticket: Int64?
    public var kind: String
    public var to: String
    public var subject: String?
    public var status: String
    public var deferred: Bool
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    public var lease: Lease?

    init(_ row: OutboxSummary, now: Date) {
        id = row.id
        ticket = row.ticketId
        kind = row.kind
        to = row.recipient
        subject = MIMEParser(options: Self.headersOnly).parse(Array(row.head)).subject
        status = row.rawStatus
        deferred = row.isDeferred
        attempts = row.attempts
        nextAttemptAt = row.status == .queued ? row.nextAttemptAt : nil
        lastError = row.lastError
        createdAt = row.createdAt
        sentAt = row.sentAt
        if row.status == .sending, let until = row.leaseUntil {
            let state = until <= now ? "expired" : Self.state(LeaseOwner.liveness(of: row.leaseOwner))
            lease = Lease(owner: row.leaseOwner, until: until, state: state)
        }
    }

    static var headersOnly: MIMEParserOptions {
        var options = MIMEParserOptions()
        options.structureOnly = true
        return options
    }

    static func state(_ liveness: LeaseOwner.Liveness) -> String {
        switch liveness {
        case .alive: "alive"
        case .gone: "gone"
        case .unknown: "unknown"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, ticket, kind, to, subject, status, deferred, attempts, lease
        case nextAttemptAt = "next_attempt_at", lastError = "last_error", createdAt = "created_at", sentAt = "sent_at"
    }

    /// Every key present, `null` when empty (docs/cli.md).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ticket, forKey: .ticket)
        try c.encode(kind, forKey: .kind)
        try c.encode(to, forKey: .to)
        try c.encode(subject, forKey: .subject)
        try c.encode(status, forKey: .status)
        try c.encode(deferred, forKey: .deferred)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(sentAt, forKey: .sentAt)
        try c.encode(lease, forKey: .lease)
    }
}

/// Why an admin's outbox verb did nothing: one line for the terminal.
public struct OutboxDeskError: Error, CustomStringConvertible, Equatable {
    public var description: String
    /// True when the row does not exist (as opposed to being in a state the verb does not apply to).
    public var notFound: Bool
}

/// The admin's outbox verbs (docs/admin-guide.md#the-outbox): list, flush now, retry a row, drop a row.
extension MaildeskApp {
    public func outboxList(statuses: [OutboxRecord.Status]?, deferredOnly: Bool = false) async throws -> [OutboxView] {
        let now = settings.snapshot.processor.clock()
        let rows = try await database.writer.read { try OutboxAdmin.list($0, statuses: statuses) }
        return rows.filter { !deferredOnly || $0.isDeferred }.map { OutboxView($0, now: now) }
    }

    /// Sends everything queued now, deferred rows included (their backoff is ignored), after putting back
    /// the rows leased by a process on this host that is gone. Returns how many rows were expedited.
    public func outboxFlushNow() async throws -> (expedited: Int, report: OutboxSender.Report) {
        let now = settings.snapshot.processor.clock()
        let expedited = try await sendLock.withLock(timeout: 120) { [database] in
            try await database.writer.write { db in
                let gone = try OutboxAdmin.activeLeases(db, now: now)
                    .filter { LeaseOwner.liveness(of: $0.leaseOwner) == .gone }.map(\.id)
                return try OutboxAdmin.expedite(db, now: now, reclaim: gone)
            }
        }
        return (expedited, try await flushOutbox())
    }

    /// Queues row `id` again now. A row being sent by a live process, or already sent, is refused.
    public func outboxRetry(id: Int64, actor: String = "cli") async throws -> OutboxView {
        try await changeOutboxRow(id: id, verb: "retry", allowed: [.queued, .failed, .dropped]) { db, row, now in
            try OutboxAdmin.requeue(db, row, now: now, actor: actor)
        }
    }

    /// Sets row `id` aside for good (`dropped`), recorded as an event on its ticket.
    public func outboxDrop(id: Int64, actor: String = "cli") async throws -> OutboxView {
        try await changeOutboxRow(id: id, verb: "drop", allowed: [.queued, .failed]) { db, row, now in
            try OutboxAdmin.drop(db, row, now: now, actor: actor)
        }
    }

    private func changeOutboxRow(id: Int64, verb: String, allowed: Set<OutboxRecord.Status>,
                                 _ change: @escaping @Sendable (GRDB.Database, OutboxSummary, Date) throws -> Void)
        async throws -> OutboxView {
        let now = settings.snapshot.processor.clock()
        let row = try await database.writer.write { db -> OutboxSummary in
            guard let row = try OutboxAdmin.row(db, id: id) else {
                throw OutboxDeskError(description: "no outbox row \(id) (see `maildesk outbox list`)", notFound: true)
            }
            let stale = row.status == .sending
                && ((row.leaseUntil ?? now) <= now || LeaseOwner.liveness(of: row.leaseOwner) == .gone)
            guard let status = row.status, allowed.contains(status) || stale else {
                throw OutboxDeskError(description: Self.refusal(row, verb: verb), notFound: false)
            }
            try change(db, row, now)
            return try OutboxAdmin.row(db, id: id) ?? row
        }
        logger.notice("outbox \(verb)", metadata: ["outbox.id": "\(id)", "ticket.id": "\(row.ticketId.map(String.init) ?? "-")"])
        return OutboxView(row, now: now)
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func refusal(_ row: OutboxSummary, verb: String) -> String {
        switch row.status {
        case nil: "outbox row \(row.id) has status \(row.rawStatus), unknown to this version; cannot \(verb) it"
        case .sent: "outbox row \(row.id) was sent\(row.sentAt.map { " at \(Self.iso($0))" } ?? ""); nothing to \(verb)"
        case .sending: "outbox row \(row.id) is being sent by \(row.leaseOwner ?? "another process") (lease until "
            + "\(row.leaseUntil.map(Self.iso) ?? "?")); try again when it has finished"
        case .dropped: "outbox row \(row.id) is already dropped"
        case .bounced: "outbox row \(row.id) was sent and bounced (\(row.lastError ?? "no reason given")); nothing to \(verb)"
        default: "outbox row \(row.id) is \(row.rawStatus); cannot \(verb) it"
        }
    }
}
