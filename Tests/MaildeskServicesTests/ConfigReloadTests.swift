import MaildeskTestSupport
import Foundation
import Logging
import MaildeskConfig
import MaildeskServices
import Testing

/// SIGHUP re-reads the config file and `[helpdesk] templates` while the daemon runs (`ConfigReloader`).
@Suite struct ConfigReloadTests {
    struct Setup {
        let state: String
        let config: String
        let app: MaildeskApp

        /// Rewrites the config file with `helpdesk` lines in `[helpdesk]` and `extra` at the end.
        func writeConfig(helpdesk: String = "name = \"First Desk\"", extra: String = "", database: String = "maildesk.sqlite") throws {
            try Self.text(helpdesk: helpdesk, extra: extra, database: database)
                .write(toFile: config, atomically: true, encoding: .utf8)
        }

        static func text(helpdesk: String, extra: String, database: String) -> String {
            """
            [database]
            path = "\(database)"

            [maildir]
            path = "Maildir"

            [outbox]
            directory = "outbox"

            [helpdesk]
            address = "support@maildesk.test"
            templates = "templates"
            \(helpdesk)
            \(extra)
            """
        }

        func writeTemplate(_ text: String) throws {
            try text.write(toFile: state + "/templates/acknowledgement.txt", atomically: true, encoding: .utf8)
        }

        /// The acknowledgements written so far, oldest first.
        func acknowledgements() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }.sorted()
                .map { try String(contentsOfFile: state + "/outbox/" + $0, encoding: .utf8) }
        }

        /// One new ticket from `sender`, acknowledged into the outbox; returns that acknowledgement.
        func acknowledge(_ sender: String) async throws -> String {
            let before = try acknowledgements().count
            _ = try await app.ingestMessage(TestSupport.mail(from: sender, subject: "Help \(sender)", messageID: "\(UUID())@customer.test"))
            _ = try await app.flushOutbox()
            let all = try acknowledgements()
            try #require(all.count == before + 1)
            return all[before]
        }
    }

    func setUp(template: String = "Version one for {{ticket.tag}}.\n") throws -> Setup {
        let state = try TestSupport.temporaryDirectory()
        for directory in ["templates", "outbox"] {
            try FileManager.default.createDirectory(atPath: state + "/" + directory, withIntermediateDirectories: true)
        }
        try template.write(toFile: state + "/templates/acknowledgement.txt", atomically: true, encoding: .utf8)
        let config = state + "/maildesk.toml"
        try Setup.text(helpdesk: "name = \"First Desk\"", extra: "", database: "maildesk.sqlite")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let app = try MaildeskApp(configuration: ConfigLoader.load(path: config), logger: Logger(label: "test"))
        return Setup(state: state, config: config, app: app)
    }

    @Test func reloadAppliesLiveKeysAndTemplates() async throws {
        let s = try setUp()
        let first = try await s.acknowledge("ana@customer.test")
        #expect(first.contains("First Desk <support") || first.contains("\"First Desk\""), "\(first)")
        #expect(first.contains("Version one for [#1]."))

        try s.writeConfig(helpdesk: "name = \"Second Desk\"\nsubject_tag = \"HD-\"", extra: "[limits]\noutbox_max_attempts = 3\n")
        try s.writeTemplate("Version two for {{ticket.tag}}.\n")
        guard case let .applied(changes) = s.app.reloader.reload() else { Issue.record("reload failed"); return }
        #expect(changes.live == ["[helpdesk] name", "[helpdesk] subject_tag", "[limits] outbox_max_attempts"])
        #expect(changes.needRestart.isEmpty)
        #expect(s.app.configuration.helpdesk.name == "Second Desk")
        #expect(s.app.settings.snapshot.retryPolicy.maxAttempts == 3)
        #expect(s.app.ingest.processor.acknowledgementTemplate == "Version two for {{ticket.tag}}.\n")

        let second = try await s.acknowledge("bo@customer.test")
        #expect(second.contains("Second Desk"), "\(second)")
        #expect(second.contains("Version two for [HD-2]."), "\(second)")
    }

    @Test func anInvalidConfigKeepsTheSettingsInUse() async throws {
        let s = try setUp()
        try s.writeConfig(helpdesk: "name = \"Broken\"\nclosed_reply = \"sometimes\"")
        guard case let .failed(error) = s.app.reloader.reload() else { Issue.record("an invalid config was applied"); return }
        let line = "\(error)"
        #expect(line.hasPrefix(s.config + ":"), "\(line)")
        #expect(line.contains("closed_reply"), "\(line)")
        #expect(!line.contains("\n"))
        #expect(s.app.configuration.helpdesk.name == "First Desk")
        let ack = try await s.acknowledge("ana@customer.test")
        #expect(ack.contains("First Desk") && !ack.contains("Broken"), "\(ack)")
    }

    @Test func anUnreadableTemplateKeepsEverythingInUse() async throws {
        let s = try setUp()
        try s.writeConfig(helpdesk: "name = \"Not Applied\"")
        try FileManager.default.removeItem(atPath: s.state + "/templates/acknowledgement.txt")
        try FileManager.default.createDirectory(atPath: s.state + "/templates/acknowledgement.txt", withIntermediateDirectories: true)
        guard case .failed = s.app.reloader.reload() else { Issue.record("reload with an unreadable template applied"); return }
        #expect(s.app.configuration.helpdesk.name == "First Desk")
        #expect(s.app.ingest.processor.acknowledgementTemplate.hasPrefix("Version one"))
    }

    @Test func restartKeysAreReportedNotApplied() async throws {
        let s = try setUp()
        try s.writeConfig(helpdesk: "name = \"Renamed\"", database: "elsewhere.sqlite")
        guard case let .applied(changes) = s.app.reloader.reload() else { Issue.record("reload failed"); return }
        #expect(changes.needRestart == ["[database] path"])
        #expect(changes.live == ["[helpdesk] name"])
        #expect(s.app.configuration.database.path == s.state + "/maildesk.sqlite")
        #expect(!FileManager.default.fileExists(atPath: s.state + "/elsewhere.sqlite"))
        let ack = try await s.acknowledge("ana@customer.test")
        #expect(ack.contains("Renamed"))
    }

    @Test func sighupReloadsTheRunningDaemon() async throws {
        let s = try setUp(template: "Before reload.\n")
        let listener = try NotifySocketListener(directory: s.state)
        let daemon = Task { try await s.app.runDaemon(notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])) }
        defer { daemon.cancel() }
        var seen: [String] = []
        try #require(await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 60, seen: &seen) != nil)

        try s.writeTemplate("After reload.\n")
        try s.writeConfig(helpdesk: "name = \"Live Desk\"", extra: "[kb]\nthreshold = 0.6\n")
        kill(getpid(), SIGHUP)
        let reloading = await listener.receive(until: { $0.hasPrefix("RELOADING=1") }, timeout: 60, seen: &seen)
        #expect(reloading?.contains("MONOTONIC_USEC=") == true, "\(seen)")
        let ready = await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 60, seen: &seen)
        #expect(ready?.contains("STATUS=reloaded configuration") == true, "\(seen)")
        #expect(s.app.ingest.processor.acknowledgementTemplate == "After reload.\n")
        #expect(s.app.configuration.helpdesk.name == "Live Desk")
        #expect(s.app.configuration.kb.threshold == 0.6)

        try s.writeConfig(helpdesk: "name = 42")
        kill(getpid(), SIGHUP)
        let failed = await listener.receive(until: { $0.hasPrefix("READY=1") }, timeout: 60, seen: &seen)
        #expect(failed?.contains("STATUS=reload failed, configuration unchanged: \(s.config):") == true, "\(seen)")
        #expect(s.app.configuration.helpdesk.name == "Live Desk")
        daemon.cancel()
        _ = try? await daemon.value
    }
}
