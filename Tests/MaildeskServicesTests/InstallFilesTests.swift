import Foundation
import MaildeskConfig
import MaildeskServices
import Testing

/// The files `make install` ships: the example configuration loads, the default template is the
/// built-in text, and the units say what the operations guide promises.
@Suite struct InstallFilesTests {
    func file(_ path: String) throws -> String {
        try String(contentsOf: TestSupport.repoRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func exampleConfigurationLoads() throws {
        let configuration = try ConfigLoader.parse(
            try file("fixtures/example/maildesk.toml"), path: "/etc/maildesk/maildesk.toml",
            environment: ["MAILDESK_IMAP_PASSWORD": "x", "MAILDESK_SMTP_PASSWORD": "y"])
        #expect(configuration.database.path == "/var/lib/maildesk/maildesk.sqlite")
        #expect(configuration.helpdesk.address == "support@example.com")
        #expect(configuration.limits.outboxMaxAttempts == 12)
        guard case let .imap(mailboxes) = configuration.source else {
            Issue.record("expected [imap]")
            return
        }
        #expect(mailboxes.first?.pollInterval == 30)
        #expect(mailboxes.first?.password == "x")
    }

    @Test func exampleConfigurationMentionsEveryTable() throws {
        let text = try file("fixtures/example/maildesk.toml")
        for table in ["[database]", "[imap]", "[maildir]", "[smtp]", "[outbox]", "[helpdesk]", "[[helpdesk.agents]]",
                      "[limits]", "[kb]", "[classifier]", "[retention]", "[metrics]", "textfile =", "templates =", "password_file ="] {
            #expect(text.contains(table), "\(table)")
        }
    }

    @Test func installedTemplateIsTheBuiltInText() throws {
        let builtIn = try TemplateStore(directory: nil).acknowledgement
        #expect(try file("templates/acknowledgement.txt") == builtIn + "\n")
    }

    @Test func serviceUnitIsTypeNotifyWithWatchdogReloadAndCredentials() throws {
        let unit = try file("systemd/maildesk.service")
        for line in ["Type=notify", "NotifyAccess=main", "WatchdogSec=60", "ExecReload=/bin/kill -HUP $MAINPID",
                     "User=maildesk", "DynamicUser=no", "StateDirectory=maildesk", "ConfigurationDirectory=maildesk",
                     "LoadCredential=imap-password:", "LoadCredential=smtp-password:"] {
            #expect(unit.split(separator: "\n").contains { $0.hasPrefix(line) }, "\(line)")
        }
        let timer = try file("systemd/maildesk-backup.timer")
        #expect(timer.contains("OnCalendar="))
        let backup = try file("systemd/maildesk-backup.service")
        #expect(backup.contains("maildesk backup --force"))
        #expect(try file("systemd/maildesk.sysusers.conf").contains("u maildesk "))
    }
}
