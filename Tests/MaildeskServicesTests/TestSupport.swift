import Foundation
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskTestSupport

/// Paths and app builders for the services tests (no network: Maildir in, .eml files out).
enum TestSupport {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var demoMaildir: String { repoRoot.appendingPathComponent("fixtures/demo/Maildir").path }
    static var mailFixtures: URL { repoRoot.appendingPathComponent("fixtures/mail") }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: mailFixtures.appendingPathComponent(name)))
    }

    static func temporaryDirectory() throws -> String { try MaildirFixtures.temporaryDirectory() }

    static func configuration(state: String, maildir: String? = nil, maxMessageBytes: Int? = nil) -> MaildeskConfiguration {
        var limits = LimitsConfig()
        if let maxMessageBytes { limits.maxMessageBytes = maxMessageBytes }
        return MaildeskConfiguration(
            configPath: nil,
            database: DatabaseConfig(path: state + "/maildesk.sqlite"),
            source: .maildir(MaildirConfig(path: maildir ?? state + "/Maildir")),
            sink: .outbox(OutboxConfig(directory: state + "/outbox")),
            helpdesk: HelpdeskConfig(address: "support@maildesk.test", name: "Test Support", subjectTag: "#",
                                     secretFile: state + "/secret", admin: nil, closedReply: .reopen,
                                     trustedAuthservID: nil, templates: nil, agents: []),
            limits: limits)
    }

    static func app(state: String, maildir: String? = nil, maxMessageBytes: Int? = nil) throws -> MaildeskApp {
        try MaildeskApp(configuration: configuration(state: state, maildir: maildir, maxMessageBytes: maxMessageBytes),
                        logger: Logger(label: "test"))
    }

    static func makeMaildir(in state: String, _ messages: [[UInt8]]) throws -> String {
        try MaildirFixtures.makeMaildir(in: state, messages)
    }

    static func addToMaildir(_ state: String, _ message: [UInt8]) throws { try MaildirFixtures.addToMaildir(state, message) }

    static func mail(from: String, subject: String, messageID: String, inReplyTo: String? = nil,
                     extraHeaders: [String] = [], body: String = "Hello, I need help.") -> [UInt8] {
        MaildirFixtures.mail(from: from, subject: subject, messageID: messageID, inReplyTo: inReplyTo,
                             extraHeaders: extraHeaders, body: body)
    }
}
