import MaildeskTestSupport
import Foundation
import Testing

/// The built `maildesk run` as systemd runs it (`Type=notify`), against the test Dovecot/Postfix with
/// a socket of our own as `$NOTIFY_SOCKET`: READY, STATUS after polls, WATCHDOG, metrics textfile,
/// SIGHUP → RELOADING … READY with the new template and config in use (the next acknowledgement's From
/// name, delivered through Postfix and Dovecot), an invalid config on SIGHUP keeps the daemon and its
/// settings, SIGTERM → STOPPING and exit 0.
@Suite(.serialized) struct DaemonNotifyIntegrationTests {
    /// The From header of a delivered mail.
    static func from(_ mail: String) -> String {
        mail.split(separator: "\r\n").first { $0.hasPrefix("From: ") }.map(String.init) ?? "(no From)"
    }

    @Test func runSpeaksSdNotifyReloadsOnSIGHUPAndStopsOnSIGTERM() async throws {
        let h = try PipelineHarness()
        let config = try CLIIntegrationTests().writeConfig(h, extra: "poll_interval = \"500ms\"\n")
        try FileManager.default.createDirectory(atPath: h.state + "/templates", withIntermediateDirectories: true)
        try "First text for {{ticket.tag}}.\n".write(toFile: h.state + "/templates/acknowledgement.txt",
                                                   atomically: true, encoding: .utf8)
        let handle = try #require(FileHandle(forWritingAtPath: config))
        handle.seekToEndOfFile()
        handle.write(Data("\ntemplates = \"templates\"\n\n[metrics]\ntextfile = \"maildesk.prom\"\n".utf8))
        try handle.close()

        let listener = try NotifySocketListener(directory: h.state)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIIntegrationTests.binary)
        process.arguments = ["run", "--config", config]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = listener.address
        environment["WATCHDOG_USEC"] = "2000000"
        process.environment = environment
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var seen: [String] = []
        try #require(await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 30, seen: &seen) != nil)
        try h.sendFromCustomer(h.customerMail(subject: "Notify one", messageID: "notify-1-\(UUID())@customer.test"))
        let status = await listener.receive(until: { $0.contains("(1 since start)") }, timeout: 30, seen: &seen)
        #expect(status?.hasPrefix("STATUS=last poll ") == true, "\(seen)")
        #expect(status?.contains("1 new tickets, 0 quarantined; outbox depth") == true)
        let first = try h.waitForMail(h.customer, count: 1, timeout: 30).map { String(decoding: $0, as: UTF8.self) }
        #expect(first[0].contains("First text for [#1]."))
        #expect(Self.from(first[0]).contains("CLI Support"), "\(Self.from(first[0]))")
        let metrics = try String(contentsOfFile: h.state + "/maildesk.prom", encoding: .utf8)
        #expect(metrics.contains("maildesk_messages_ingested_total 1\n"))
        #expect(metrics.contains("maildesk_tickets{status=\"open\"} 1\n"))
        #expect(metrics.contains("# TYPE maildesk_last_poll_timestamp_seconds gauge\n"))

        // SIGHUP with a new template and a new [helpdesk] name (and a restart-only key changed too).
        try "Second text for {{ticket.tag}}.\n".write(toFile: h.state + "/templates/acknowledgement.txt",
                                                    atomically: true, encoding: .utf8)
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let renamed = original.replacingOccurrences(of: "name = \"CLI Support\"", with: "name = \"Reloaded Support\"")
            .replacingOccurrences(of: "processed_folder = \"Processed\"", with: "processed_folder = \"Elsewhere\"")
        try #require(renamed.contains("Reloaded Support") && renamed.contains("Elsewhere"))
        try renamed.write(toFile: config, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        let reloading = await listener.receive(until: { $0.hasPrefix("RELOADING=1") }, timeout: 15, seen: &seen)
        #expect(reloading?.contains("\nMONOTONIC_USEC=") == true, "\(seen)")
        let reloaded = await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 15, seen: &seen)
        #expect(reloaded?.contains("STATUS=reloaded configuration; restart needed for [imap] processed_folder") == true, "\(seen)")
        #expect(process.isRunning)
        try h.sendFromCustomer(h.customerMail(subject: "Notify two", messageID: "notify-2-\(UUID())@customer.test"))
        let both = try h.waitForMail(h.customer, count: 2, timeout: 30).map { String(decoding: $0, as: UTF8.self) }
        let second = try #require(both.first { $0.contains("[#2]") }, "\(both)")
        #expect(second.contains("Second text for [#2]."), "\(second)")
        #expect(Self.from(second).contains("Reloaded Support"), "\(Self.from(second))")
        // processed_folder needs a restart: the mail still went to "Processed".
        #expect(try h.waitForMail(h.support, mailbox: "Processed", count: 2, timeout: 15).count == 2)

        // An invalid edit: the reload fails with file, line and key; the daemon keeps its settings.
        try (renamed + "\n[limits]\nmax_message_bytes = \"big\"\n").write(toFile: config, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        let failed = await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 15, seen: &seen)
        #expect(failed?.contains("STATUS=reload failed, configuration unchanged: \(config):") == true, "\(seen)")
        #expect(failed?.contains("max_message_bytes") == true, "\(seen)")
        #expect(process.isRunning)
        try h.sendFromCustomer(h.customerMail(subject: "Notify three", messageID: "notify-3-\(UUID())@customer.test"))
        let three = try h.waitForMail(h.customer, count: 3, timeout: 30).map { String(decoding: $0, as: UTF8.self) }
        let third = try #require(three.first { $0.contains("[#3]") }, "\(three)")
        #expect(Self.from(third).contains("Reloaded Support"), "\(Self.from(third))")

        // Drain what queued up while we waited for mail (the kernel's datagram queue is short).
        while let message = await listener.receive(timeout: 0.2) { seen.append(message) }
        #expect(seen.contains("WATCHDOG=1\n"))
        kill(process.processIdentifier, SIGTERM)
        #expect(await listener.receive(until: { $0.hasPrefix("STOPPING=1") }, timeout: 15, seen: &seen) != nil, "\(seen)")
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
