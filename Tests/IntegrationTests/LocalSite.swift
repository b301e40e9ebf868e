import Foundation
import MaildeskTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A site that needs no mail server: a Maildir in, `[outbox] directory` out (like fixtures/demo), in a
/// fresh directory, driven through the built `maildesk` binary by `/bin/sh` so a test can set the umask
/// (or drop privileges) in the child only.
struct LocalSite {
    typealias Result = ProcessResult

    let root: String
    var config: String { root + "/maildesk.toml" }
    var database: String { root + "/state/db/maildesk.sqlite" }
    var maildir: String { root + "/Maildir" }
    var outbox: String { root + "/state/outbox" }
    var secret: String { root + "/state/secret" }

    /// `extra` is appended to the config; `secretFile` replaces the default `state/secret`.
    init(secretFile: String? = nil, extra: String = "") throws {
        root = NSTemporaryDirectory() + "maildesk-site-" + UUID().uuidString
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/Maildir/" + sub, withIntermediateDirectories: true)
        }
        let text = """
            [database]
            path = "state/db/maildesk.sqlite"

            [maildir]
            path = "Maildir"

            [outbox]
            directory = "state/outbox"

            [helpdesk]
            address = "support@maildesk.test"
            name = "Local Support"
            secret_file = "\(secretFile ?? "state/secret")"
            \(extra)
            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    static func mail(from: String = "customer@example.org", subject: String = "Printer on fire",
                     id: String = UUID().uuidString) -> [UInt8] {
        Array(["From: \(from)", "To: support@maildesk.test", "Subject: \(subject)",
               "Date: Mon, 12 Jan 2026 10:00:00 +0000", "Message-ID: <\(id)@example.org>", "",
               "Hello, I need help.", ""].joined(separator: "\r\n").utf8)
    }

    /// Drops `message` into `new/` under a unique Maildir name; returns the path.
    @discardableResult
    func deliver(_ message: [UInt8], name: String = "1800000000.M\(UUID().uuidString)P1.test") throws -> String {
        let path = maildir + "/new/" + name
        try Data(message).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `maildesk <arguments> --config <config>` under `umask` (octal text), optionally through a
    /// `prefix` command (e.g. setpriv), feeding `stdin`.
    func run(_ arguments: [String], stdin: [UInt8]? = nil, umask: String = "022", prefix: [String] = [],
             withConfig: Bool = true) throws -> Result {
        let command = prefix + [CLIIntegrationTests.binary] + arguments + (withConfig ? ["--config", config] : [])
        return try ProcessRunner.run("/bin/sh", ["-c", "umask \(umask) && exec \"$@\"", "sh"] + command, stdin: stdin)
    }

    /// `st_mode & 0o7777` of `path` without following a symlink; nil when it does not exist.
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// The non-empty lines of `text`.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}
