import Foundation
import Testing
@testable import MaildeskConfig

@Suite("Secrets: password_file, environment, systemd credential")
struct SecretResolverTests {
    /// Loads `imapConfig(imapLine:)` + a `[smtp]`-free outbox from a real file in `fixture`.
    private func loadIMAP(_ fixture: ConfigFixture, imapLine: String = "", environment: [String: String]) throws -> IMAPConfig {
        let path = try fixture.write("maildesk.toml", imapConfig(imapLine: imapLine))
        let config = try ConfigLoader.load(path: path, environment: environment)
        guard case .imap(let boxes) = config.source, let box = boxes.first else { throw ConfigError(message: "no imap") }
        return box
    }

    private func loadSMTP(_ fixture: ConfigFixture, smtpConfigText: String, environment: [String: String]) throws -> SMTPConfig {
        let path = try fixture.write("maildesk.toml", smtpConfigText)
        let config = try ConfigLoader.load(path: path, environment: environment)
        guard case .smtp(let smtp) = config.sink else { throw ConfigError(message: "no smtp") }
        return smtp
    }

    @Test func imapPasswordFromRelativePasswordFileTrimsTrailingNewlines() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        try fixture.write("secrets/imap", "s3cret  \n\n")
        let box = try loadIMAP(fixture, imapLine: "password_file = \"secrets/imap\"",
                               environment: ["MAILDESK_IMAP_PASSWORD": "from-env"])
        #expect(box.password == "s3cret  ")
    }

    @Test func imapPasswordFromEnvironment() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        try fixture.write("creds/imap-password", "from-credential")
        let box = try loadIMAP(fixture, environment: [
            "MAILDESK_IMAP_PASSWORD": "from-env", "CREDENTIALS_DIRECTORY": "\(fixture.directory)/creds",
        ])
        #expect(box.password == "from-env")
    }

    @Test func imapPasswordFromSystemdCredential() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        try fixture.write("creds/imap-password", "from-credential\n")
        let box = try loadIMAP(fixture, environment: [
            "MAILDESK_IMAP_PASSWORD": "", "CREDENTIALS_DIRECTORY": "\(fixture.directory)/creds",
        ])
        #expect(box.password == "from-credential")
    }

    @Test func missingIMAPPasswordNamesAllThreeSources() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        let error = #expect(throws: ConfigError.self) {
            try loadIMAP(fixture, environment: ["CREDENTIALS_DIRECTORY": "\(fixture.directory)/none"])
        }
        #expect(error?.key == "imap.password_file")
        #expect(error?.line == 3)
        let text = error?.description ?? ""
        #expect(text.contains("password_file") && text.contains("MAILDESK_IMAP_PASSWORD") && text.contains("imap-password"))
    }

    @Test func unreadablePasswordFileNamesKeyLineAndPath() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        let error = #expect(throws: ConfigError.self) {
            try loadIMAP(fixture, imapLine: "password_file = \"missing-secret\"",
                         environment: ["MAILDESK_IMAP_PASSWORD": "from-env"])
        }
        #expect(error?.key == "imap.password_file")
        #expect(error?.line == 6)
        #expect(error?.description.contains(":6: [imap] password_file: cannot read \(fixture.directory)/missing-secret: No such file") == true)
    }

    @Test func emptyPasswordFileIsAnError() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        try fixture.write("empty", "\n")
        let error = #expect(throws: ConfigError.self) {
            try loadIMAP(fixture, imapLine: "password_file = \"empty\"", environment: [:])
        }
        #expect(error?.line == 6)
        #expect(error?.description.contains("is empty") == true)
    }

    @Test func smtpPasswordFromEachSource() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        try fixture.write("smtp-pw", "file-pw\n")
        try fixture.write("creds/smtp-password", "cred-pw\n")
        let creds = "\(fixture.directory)/creds"
        let fromFile = try loadSMTP(fixture, smtpConfigText: smtpConfig(smtpLine: "password_file = \"smtp-pw\""),
                                    environment: ["MAILDESK_SMTP_PASSWORD": "env-pw"])
        #expect(fromFile.password == "file-pw")
        let fromEnv = try loadSMTP(fixture, smtpConfigText: smtpConfig(),
                                   environment: ["MAILDESK_SMTP_PASSWORD": "env-pw", "CREDENTIALS_DIRECTORY": creds])
        #expect(fromEnv.password == "env-pw")
        let fromCredential = try loadSMTP(fixture, smtpConfigText: smtpConfig(), environment: ["CREDENTIALS_DIRECTORY": creds])
        #expect(fromCredential.password == "cred-pw")
    }

    @Test func smtpWithoutUsernameNeedsNoPassword() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        let text = smtpConfig(url: "smtp://localhost:25")
            .replacingOccurrences(of: "username = \"support@example.com\"\n", with: "")
        let smtp = try loadSMTP(fixture, smtpConfigText: text, environment: [:])
        #expect(smtp.username == nil)
        #expect(smtp.password == nil)
        #expect(smtp.url == "smtp://localhost:25")
    }

    @Test func smtpWithUsernameButNoPasswordIsAnError() throws {
        let fixture = try ConfigFixture()
        defer { fixture.remove() }
        let error = #expect(throws: ConfigError.self) {
            try loadSMTP(fixture, smtpConfigText: smtpConfig(), environment: [:])
        }
        #expect(error?.key == "smtp.password_file")
        #expect(error?.description.contains("MAILDESK_SMTP_PASSWORD") == true)
    }
}
