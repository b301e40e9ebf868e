import Foundation

/// Mails, Maildirs and temporary directories for tests that need no mail server.
public enum MaildirFixtures {
    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "maildesk-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `messages` into a new Maildir under `state`, named so they sort in the given order.
    public static func makeMaildir(in state: String, _ messages: [[UInt8]]) throws -> String {
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
    public static func addToMaildir(_ state: String, _ message: [UInt8]) throws {
        let name = "1900000000.M\(UUID().uuidString)P1.test"
        try Data(message).write(to: URL(fileURLWithPath: state + "/Maildir/new/" + name))
    }

    /// A plain mail to support@maildesk.test.
    public static func mail(from: String, subject: String, messageID: String, inReplyTo: String? = nil,
                            extraHeaders: [String] = [], body: String = "Hello, I need help.") -> [UInt8] {
        var lines = ["From: \(from)", "To: support@maildesk.test", "Subject: \(subject)",
                     "Date: Mon, 12 Jan 2026 10:00:00 +0000", "Message-ID: <\(messageID)>"]
        if let inReplyTo { lines += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        lines += extraHeaders
        lines += ["", body, ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
