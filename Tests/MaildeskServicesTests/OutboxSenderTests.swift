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
