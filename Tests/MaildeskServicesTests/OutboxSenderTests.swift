import Foundation
import GRDB
import HelpdeskCore
import Logging
import MaildeskServices
import MaildeskStore
import Synchronization
import Testing

/// A sink that fails as scripted and counts deliveries per outbox row.
final class ScriptedSink: MailSink {
    let script: Mutex<[DeliveryError?]>
    let delivered = Mutex<[Int64]>([])

    init(_ script: [DeliveryError?]) { self.script = Mutex(script) }

    func deliver(_ row: OutboxRecord) async throws(DeliveryError) {
        let next: DeliveryError? = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        if let next { throw next }
        delivered.withLock { $0.append(row.id ?? -1) }
    }
}

@Suite struct OutboxSenderTests {
    final class Clock: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    func queueOne(_ database: MaildeskDatabase, now: Date) throws {
        try database.write { db in
            _ = try OutboxQueue.enqueue(db, OutboxRecord(ticketId: nil, entryId: nil, kind: "acknowledgement",
                                                         messageId: "x@maildesk.test", envelopeFrom: "support@maildesk.test",
                                                         recipient: "ana@customer.test", data: Data("mail".utf8), now: now))
        }
    }

    @Test func temporaryFailureIsRetriedOnceDueThenSentOnce() async throws {
        let state = try TestSupport.temporaryDirectory()
        let database = try MaildeskDatabase(path: state + "/db.sqlite")
        let clock = Clock()
        try queueOne(database, now: clock.now.withLock { $0 })
        let sink = ScriptedSink([DeliveryError(temporary: true, "421 try later")])
        let sender = OutboxSender(database: database, sink: sink, policy: RetryPolicy(baseSeconds: 60),
                                  logger: Logger(label: "test"), clock: { clock.now.withLock { $0 } })
        #expect(try await sender.flush().deferred == 1)
        #expect(try await sender.flush().sent == 0)  // not due yet
        clock.advance(61)
        #expect(try await sender.flush().sent == 1)
        #expect(try await sender.flush().sent == 0)
        #expect(sink.delivered.withLock { $0 } == [1])
        let row = try #require(try database.read { try OutboxQueue.all($0).first })
        #expect(row.status == "sent")
        #expect(row.attempts == 2)
    }

    /// A flush that sends nothing still says what it left: mail waiting out a backoff, and rows held by a
    /// sender on this host that is gone (never "the outbox is empty").
    @Test func reportCountsWaitingRowsAndLeasesOfAGoneSender() async throws {
        let state = try TestSupport.temporaryDirectory()
        let database = try MaildeskDatabase(path: state + "/db.sqlite")
        let clock = Clock()
        let now = clock.now.withLock { $0 }
        try queueOne(database, now: now)
        try queueOne(database, now: now)
        try queueOne(database, now: now)
        let gone = LeaseOwner(host: LeaseOwner.current.host, pid: Int32.max - 1, start: 1)
        let alive = LeaseOwner.current
        try database.write { db in
            try db.execute(sql: "UPDATE outbox SET next_attempt_at = ? WHERE id = 1", arguments: [now.addingTimeInterval(600)])
            try db.execute(sql: "UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ? WHERE id = 2",
                           arguments: [gone.description, now.addingTimeInterval(300)])
            try db.execute(sql: "UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ? WHERE id = 3",
                           arguments: [alive.description, now.addingTimeInterval(300)])
        }
        let sender = OutboxSender(database: database, sink: ScriptedSink([]), policy: RetryPolicy(baseSeconds: 60),
                                  logger: Logger(label: "test"), clock: { clock.now.withLock { $0 } })
        let report = try await sender.flush()
        #expect(report.sent == 0)
        #expect(report.waiting == 1)
        #expect(report.leasedByGoneProcess == 1)
        #expect(LeaseOwner.liveness(of: alive.description) == .alive)
        #expect(LeaseOwner.liveness(of: "elsewhere.example 1 1") == .unknown)
        #expect(LeaseOwner.liveness(of: nil) == .unknown)
    }

    @Test func permanentFailureIsRecordedWithReply() async throws {
        let state = try TestSupport.temporaryDirectory()
        let database = try MaildeskDatabase(path: state + "/db.sqlite")
        try queueOne(database, now: Date())
        let sink = ScriptedSink([DeliveryError(temporary: false, "550 5.1.1 user unknown")])
        let sender = OutboxSender(database: database, sink: sink, policy: RetryPolicy(), logger: Logger(label: "test"))
        #expect(try await sender.flush().failed == 1)
        let row = try #require(try database.read { try OutboxQueue.all($0).first })
        #expect(row.status == "failed")
        #expect(row.lastError?.contains("550 5.1.1") == true)
    }

    @Test func leasedRowsAreNotLeasedTwice() throws {
        let state = try TestSupport.temporaryDirectory()
        let database = try MaildeskDatabase(path: state + "/db.sqlite")
        let now = Date()
        try queueOne(database, now: now)
        let first = try database.write { try OutboxQueue.lease($0, now: now, limit: 10, leaseSeconds: 300) }
        let second = try database.write { try OutboxQueue.lease($0, now: now, limit: 10, leaseSeconds: 300) }
        #expect(first.count == 1)
        #expect(second.isEmpty)
        // An expired lease (crashed sender) makes the row due again.
        let later = try database.write { try OutboxQueue.lease($0, now: now.addingTimeInterval(301), limit: 10, leaseSeconds: 300) }
        #expect(later.count == 1)
    }
}
