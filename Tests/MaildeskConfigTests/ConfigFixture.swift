import Foundation
@testable import MaildeskConfig

/// A throwaway directory holding a config file and the files it points to.
struct ConfigFixture {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("maildesk-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the fixture directory and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ text: String, permissions: Int? = nil) throws -> String {
        let path = "\(directory)/\(name)"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if let permissions {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        }
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Smallest valid config: Maildir in, outbox out.
    static let minimal = minimal()

    /// The minimal config with some values swapped and lines added (`helpdesk` lines go into `[helpdesk]`,
    /// `extra` at the end).
    static func minimal(
        database: String = "db/maildesk.sqlite", maildir: String = "Maildir", outbox: String = "outbox",
        helpdesk: String = "", extra: String = ""
    ) -> String {
        """
        [database]
        path = "\(database)"

        [maildir]
        path = "\(maildir)"

        [outbox]
        directory = "\(outbox)"

        [helpdesk]
        address = "support@example.com"
        \(helpdesk)
        \(extra)
        """
    }

    /// Parses `text` as if it came from `/etc/maildesk/maildesk.toml`, returning the error it raises.
    static func error(_ text: String, environment: [String: String] = [:]) -> ConfigError? {
        do {
            _ = try ConfigLoader.parse(text, path: "/etc/maildesk/maildesk.toml", environment: environment)
            return nil
        } catch {
            return error
        }
    }
}
