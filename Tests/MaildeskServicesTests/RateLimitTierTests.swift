import Foundation
import GRDB
import Logging
import MaildeskConfig
@testable import MaildeskServices
import MaildeskStore
import MailMIME
import Testing

/// The per-ticket tiers, the breaker's length and what counts as automatic mail to a customer
/// (docs/design.md#loop-safety).
@Suite struct RateLimitTierTests {
    typealias Clock = RateLimitTests.Clock

    func app(_ configure: (inout MaildeskConfiguration) -> Void = { _ in }) throws -> (MaildeskApp, Clock) {
        var configuration = TestSupport.configuration(state: try TestSupport.temporaryDirectory())
        configuration.helpdesk.admin = "admin@maildesk.test"
        configure(&configuration)
        let clock = Clock()
        var hooks = MaildeskApp.Hooks()
        hooks.clock = { clock.now.withLock { $0 } }
        return (try MaildeskApp(configuration: configuration, logger: Logger(label: "test"), hooks: hooks), clock)
    }

    func recipients(_ app: MaildeskApp) async throws -> [String] {
        try await app.database.writer.read { try OutboxQueue.all($0) }.map(\.recipient)
    }

    /// A customer's auto-responder without Auto-Submitted keeps answering the same mail of a closed
    /// ticket; with `closed_reply = "new"` every answer is a new ticket's first mail, acknowledged.
    @Test func robotReplyingToOneTicketHitsThePerTicketTier() async throws {
        let (app, clock) = try app { $0.helpdesk.closedReply = .new }
        _ = try await app.ingestMessage(TestSupport.mail(from: "robot@customer.test", subject: "Status", messageID: "s0@customer.test"))
        let ack = try #require(try await app.database.writer.read { try String.fetchOne($0, sql: "SELECT message_id FROM outbox LIMIT 1") })
        try await app.database.writer.write { try $0.execute(sql: "UPDATE ticket SET status = 'closed' WHERE id = 1") }
        for n in 1...15 {
            clock.advance(10)
            _ = try await app.ingestMessage(TestSupport.mail(from: "robot@customer.test", subject: "Re: [#1] Status",
                                                             messageID: "s\(n)@customer.test", inReplyTo: ack))
        }
        let sent = try await recipients(app)
        #expect(sent.filter { $0 == "robot@customer.test" }.count == 10)  // [limits] auto_replies_per_ticket_address: 10 in 10 min
        #expect(sent.filter { $0 == "admin@maildesk.test" }.count == 1)
        let reason = try await app.database.writer.read { try String.fetchOne($0, sql: "SELECT reason FROM rate_limit_trip") }
        #expect(reason == "10 in 10 min per ticket and address")
        let tickets = try await app.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }
        #expect(tickets == 16)
    }

    /// Any automatic mail on an existing ticket (a later question or notice) passes the limiter first.
    @Test func automaticMailOnAnExistingTicketIsLimitedEachTime() async throws {
        let (app, clock) = try app()
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Help", messageID: "e0@customer.test"))
        let processor = app.settings.snapshot.processor
        var queued: [Int] = []
        for _ in 0..<12 {
            clock.advance(5)
            queued.append(try await app.database.writer.write { db in
                let now = processor.clock()
                let queue = AcknowledgementQueue(processor: processor, db: db, now: now)
                let mail = OutgoingMail(from: processor.factory.helpdesk, to: [MailAddress(name: nil, address: "Ana@customer.test")],
                                        subject: "How did we do?", date: now,
                                        messageID: processor.factory.signer.make(ticketID: 1), text: "One question.")
                return try queue.queueAutomatic(mail, ticketID: 1, kind: .system)?.queued ?? 0
            })
        }
        #expect(queued == Array(repeating: 1, count: 9) + [0, 0, 0])  // the acknowledgement was the first of 10
        #expect(try await recipients(app).filter { $0 == "admin@maildesk.test" }.count == 1)
    }

    @Test func breakerLastsTheConfiguredDuration() async throws {
        let (app, clock) = try app {
            $0.limits.autoRepliesPerAddress = [RateLimitTier(max: 2, seconds: 600)]
            $0.limits.breakerDuration = 3600
        }
        for n in 0..<3 {
            _ = try await app.ingestMessage(TestSupport.mail(from: "bot@customer.test", subject: "Ping \(n)", messageID: "b\(n)@customer.test"))
        }
        let notice = try #require(try await app.database.writer.read {
            try OutboxQueue.all($0).first { $0.recipient == "admin@maildesk.test" }
        })
        #expect(MIMEParser().parse(Array(notice.data)).text?.contains("for 1 hour") == true)
        clock.advance(1800)
        _ = try await app.ingestMessage(TestSupport.mail(from: "bot@customer.test", subject: "Still", messageID: "b3@customer.test"))
        #expect(try await recipients(app).filter { $0 == "bot@customer.test" }.count == 2)
        clock.advance(1801)
        _ = try await app.ingestMessage(TestSupport.mail(from: "bot@customer.test", subject: "Later", messageID: "b4@customer.test"))
        #expect(try await recipients(app).filter { $0 == "bot@customer.test" }.count == 3)
    }

    /// Notifications to agents and the admin's notice are not automatic mail to a customer.
    @Test func onlyMailToCustomersIsCounted() async throws {
        let (app, _) = try app {
            $0.helpdesk.agents = [AgentConfig(id: "alice", address: "alice@agents.test", name: "Alice")]
            $0.limits.autoRepliesPerAddress = [RateLimitTier(max: 1, seconds: 600)]
        }
        for n in 0..<2 {
            _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Q\(n)", messageID: "q\(n)@customer.test"))
        }
        let logged = try await app.database.writer.read { try String.fetchAll($0, sql: "SELECT recipient FROM auto_reply_log") }
        #expect(logged == ["ana@customer.test"])
        let sent = try await recipients(app)
        #expect(sent.filter { $0 == "alice@agents.test" }.count == 2)
        #expect(sent.filter { $0 == "admin@maildesk.test" }.count == 1)
    }
}
