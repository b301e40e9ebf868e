import MaildeskTestSupport
import Foundation
import Logging
import MaildeskServices
import Testing

/// The sd_notify protocol seen on a socket of our own as `$NOTIFY_SOCKET` (PID 1 is not systemd here).
@Suite struct SystemdNotifierTests {
    @Test func withoutNotifySocketEverythingIsANoOp() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        try notifier.ready(status: "x")
        try notifier.watchdog()
        try notifier.stopping()
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative/path"]).isEnabled)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "@"]).isEnabled)
    }

    @Test func sendsEachMessageAsOneDatagram() async throws {
        let listener = try NotifySocketListener(directory: try TestSupport.temporaryDirectory())
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        #expect(notifier.isEnabled)
        try notifier.ready(status: "running")
        #expect(await listener.receive(timeout: 10) == "READY=1\nSTATUS=running\n")
        try notifier.status("last poll\nnow")
        #expect(await listener.receive(timeout: 2) == "STATUS=last poll now\n")
        try notifier.watchdog()
        #expect(await listener.receive(timeout: 2) == "WATCHDOG=1\n")
        try notifier.stopping()
        #expect(await listener.receive(timeout: 2) == "STOPPING=1\n")
        let before = SystemdNotifier.monotonicMicroseconds()
        try notifier.reloading()
        let reloading = try #require(await listener.receive(timeout: 2))
        let lines = reloading.split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let usec = try #require(lines.first { $0.hasPrefix("MONOTONIC_USEC=") }.flatMap { UInt64($0.dropFirst(15)) })
        #expect(usec >= before && usec <= SystemdNotifier.monotonicMicroseconds())
    }

    @Test func reachesAnAbstractSocket() async throws {
        let listener = try NotifySocketListener(directory: try TestSupport.temporaryDirectory(), abstract: true)
        #expect(listener.address.hasPrefix("@"))
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address]).ready()
        #expect(await listener.receive(timeout: 10) == "READY=1\n")
    }

    @Test func aMissingSocketIsAnError() throws {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": try TestSupport.temporaryDirectory() + "/none"])
        #expect(throws: SystemdNotifier.NotifyError.self) { try notifier.ready() }
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForOurPID() {
        let ours = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "60000000"], pid: 42)
        #expect(ours.watchdogInterval == .seconds(30))
        let named = SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "42"], pid: 42)
        #expect(named.watchdogInterval == .seconds(1))
        let other = SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "43"], pid: 42)
        #expect(other.watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogInterval == nil)
    }

    /// The daemon on a Maildir: READY=1, a STATUS line after the first poll, WATCHDOG=1 pings, and
    /// STOPPING=1 when it is stopped; the metrics file is written after the poll.
    @Test func daemonSpeaksTheProtocol() async throws {
        let state = try TestSupport.temporaryDirectory()
        let maildir = try TestSupport.makeMaildir(in: state, [
            TestSupport.mail(from: "Ana <ana@customer.test>", subject: "Printer", messageID: "n1@customer.test"),
            TestSupport.mail(from: "Bo <bo@customer.test>", subject: "Login", messageID: "n2@customer.test"),
        ])
        var configuration = TestSupport.configuration(state: state, maildir: maildir)
        configuration.metrics.textfile = state + "/maildesk.prom"
        let app = try MaildeskApp(configuration: configuration, logger: Logger(label: "test"))
        let listener = try NotifySocketListener(directory: state)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "200000"])
        let daemon = Task { try await app.runDaemon(notifier: notifier) }
        defer { daemon.cancel() }

        var seen: [String] = []
        // Generous waits: the unit suites run in parallel on few cores, and CPU-bound neighbours can hold
        // the cooperative threads for seconds; the protocol is what is tested here, not its latency.
        #expect(await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 60, seen: &seen) != nil)
        let status = await listener.receive(until: { $0.contains("STATUS=last poll") }, timeout: 60, seen: &seen)
        #expect(status?.contains("2 fetched (2 since start), 2 new tickets, 0 quarantined; outbox depth") == true,
                "\(seen)")
        var pings = 0
        let deadline = Date().addingTimeInterval(30)
        while pings < 3, Date() < deadline {
            if await listener.receive(timeout: 1) == "WATCHDOG=1\n" { pings += 1 }
        }
        #expect(pings == 3)
        let metrics = try String(contentsOfFile: state + "/maildesk.prom", encoding: .utf8)
        #expect(metrics.contains("maildesk_tickets{status=\"open\"} 2\n"))

        daemon.cancel()
        #expect(await listener.receive(until: { $0.hasPrefix("STOPPING=1") }, timeout: 60, seen: &seen) != nil, "\(seen)")
        _ = try? await daemon.value
    }
}
