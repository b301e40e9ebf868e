import Foundation
import Logging
import MaildeskConfig
import MaildeskServices

/// Paths and app builders for the services tests (no network: Maildir in, .eml files out).
enum TestSupport {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var demoMaildir: String { repoRoot.appendingPathComponent("fixtures/demo/Maildir").path }
    static var mailFixtures: URL { repoRoot.appendingPathComponent("fixtures/mail") }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: mailFixtures.appendingPathComponent(name)))
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "maildesk-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

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

    /// Writes `messages` into a new Maildir under `state`, named so they sort in the given order.
    static func makeMaildir(in state: String, _ messages: [[UInt8]]) throws -> String {
        let root = state + "/Maildir"
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        for (index, message) in messages.enumerated() {
            let name = String(format: "%010d.M%dP1.test", 1_800_000_000 + index, index)
            try Data(message).write(to: URL(fileURLWithPath: root + "/new/" + name))
        }
        return root
    }

    /// Adds one more message to the Maildir made by `makeMaildir(in:)`.
    static func addToMaildir(_ state: String, _ message: [UInt8]) throws {
        let name = "1900000000.M\(UUID().uuidString)P1.test"
        try Data(message).write(to: URL(fileURLWithPath: state + "/Maildir/new/" + name))
    }

    static func mail(from: String, subject: String, messageID: String, inReplyTo: String? = nil,
                     extraHeaders: [String] = [], body: String = "Hello, I need help.") -> [UInt8] {
        var lines = ["From: \(from)", "To: support@maildesk.test", "Subject: \(subject)",
                     "Date: Mon, 12 Jan 2026 10:00:00 +0000", "Message-ID: <\(messageID)>"]
        if let inReplyTo { lines += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        lines += extraHeaders
        lines += ["", body, ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
