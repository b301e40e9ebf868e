import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Synchronization
import Testing

/// A robot opening ticket after ticket trips the limits: acknowledgements stop, the admin hears once.
@Suite struct RateLimitTests {
    final class Clock: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    @Test func loopingSenderTripsTheBreakerOnce() async throws {
        let state = try TestSupport.temporaryDirectory()
        var configuration = TestSupport.configuration(state: state)
        configuration.helpdesk.admin = "admin@maildesk.test"
        let clock = Clock()
        var hooks = MaildeskApp.Hooks()
        hooks.clock = { clock.now.withLock { $0 } }
        let app = try MaildeskApp(configuration: configuration, logger: Logger(label: "test"), hooks: hooks)
        for n in 0..<40 {
            _ = try await app.ingestMessage(TestSupport.mail(from: "robot@customer.test", subject: "Alert \(n)", messageID: "r\(n)@customer.test"))
            clock.advance(1)
        }
        let rows = try await app.database.writer.read { try OutboxQueue.all($0) }
        #expect(rows.filter { $0.recipient == "robot@customer.test" }.count == 30)
        #expect(rows.filter { $0.recipient == "admin@maildesk.test" }.count == 1)
        let tickets = try await app.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }
        #expect(tickets == 40)  // nothing is lost: every mail is a ticket

        clock.advance(86_400 + 60)
        let later = try await app.ingestMessage(TestSupport.mail(from: "robot@customer.test", subject: "Next day", messageID: "r-next@customer.test"))
        guard case let .entry(_, _, _, _, queued) = later else { Issue.record("\(later)"); return }
        #expect(queued == 1)
    }

    @Test func configuredTiersApply() async throws {
        let state = try TestSupport.temporaryDirectory()
        var configuration = TestSupport.configuration(state: state)
        configuration.limits.autoRepliesPerAddress = [RateLimitTier(max: 3, seconds: 600)]
        let app = try MaildeskApp(configuration: configuration, logger: Logger(label: "test"))
        for n in 0..<5 {
            _ = try await app.ingestMessage(TestSupport.mail(from: "bot@customer.test", subject: "Ping \(n)", messageID: "p\(n)@customer.test"))
        }
        let acks = try await app.database.writer.read { try OutboxQueue.all($0) }.filter { $0.recipient == "bot@customer.test" }
        #expect(acks.count == 3)
    }
}
