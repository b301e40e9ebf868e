import MaildeskTestSupport
import Foundation
import Logging
import MaildeskServices
import Testing

/// SIGHUP re-reads `[helpdesk] templates` while the daemon runs.
@Suite struct TemplateReloadTests {
    func setUp(_ text: String) throws -> (state: String, app: MaildeskApp) {
        let state = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: state + "/templates", withIntermediateDirectories: true)
        try text.write(toFile: state + "/templates/acknowledgement.txt", atomically: true, encoding: .utf8)
        var configuration = TestSupport.configuration(state: state)
        configuration.helpdesk.templates = state + "/templates"
        return (state, try MaildeskApp(configuration: configuration, logger: Logger(label: "test")))
    }

    func acknowledgements(_ state: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }.sorted()
            .map { try String(contentsOfFile: state + "/outbox/" + $0, encoding: .utf8) }
    }

    @Test func reloadSwapsTheAcknowledgementAndAFailedReloadKeepsIt() async throws {
        let (state, app) = try setUp("Version one for {{ticket.tag}}.\n")
        let live = try #require(app.ingest.processor.liveTemplates)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "A", messageID: "r1@customer.test"))
        try "Version two for {{ticket.tag}}.\n".write(toFile: state + "/templates/acknowledgement.txt",
                                                      atomically: true, encoding: .utf8)
        #expect(live.acknowledgement.hasPrefix("Version one"))
        try live.reload()
        #expect(live.acknowledgement.hasPrefix("Version two"))
        _ = try await app.ingestMessage(TestSupport.mail(from: "bo@customer.test", subject: "B", messageID: "r2@customer.test"))
        _ = try await app.flushOutbox()
        let mails = try acknowledgements(state).joined(separator: "\n----\n")
        #expect(mails.contains("Version one for [#1]."))
        #expect(mails.contains("Version two for [#2]."))

        // An unreadable template (a directory in its place) fails the reload; the text in use stays.
        try FileManager.default.removeItem(atPath: state + "/templates/acknowledgement.txt")
        try FileManager.default.createDirectory(atPath: state + "/templates/acknowledgement.txt", withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try live.reload() }
        #expect(live.acknowledgement.hasPrefix("Version two"))
    }

    @Test func sighupReloadsTheRunningDaemon() async throws {
        let (state, app) = try setUp("Before reload.\n")
        let listener = try NotifySocketListener(directory: state)
        let daemon = Task { try await app.runDaemon(notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])) }
        defer { daemon.cancel() }
        var seen: [String] = []
        try #require(await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 10, seen: &seen) != nil)

        try "After reload.\n".write(toFile: state + "/templates/acknowledgement.txt", atomically: true, encoding: .utf8)
        kill(getpid(), SIGHUP)
        let reloading = await listener.receive(until: { $0.hasPrefix("RELOADING=1") }, timeout: 10, seen: &seen)
        #expect(reloading?.contains("MONOTONIC_USEC=") == true, "\(seen)")
        let ready = await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 10, seen: &seen)
        #expect(ready?.contains("STATUS=reloaded templates") == true, "\(seen)")
        #expect(app.ingest.processor.liveTemplates?.acknowledgement == "After reload.\n")
        daemon.cancel()
        _ = try? await daemon.value
    }
}
