import Foundation
import MaildeskTestSupport

/// The built `maildesk` binary run as an admin runs it, on a site that needs no mail server: a Maildir
/// in, `[outbox] directory` out (like fixtures/demo/maildesk.toml), in a fresh directory.
struct CLISite {
    typealias Result = ProcessResult

    let state: String
    var config: String { state + "/maildesk.toml" }
    var database: String { state + "/db/maildesk.sqlite" }

    /// The built `maildesk` next to the test bundle (`swift build` puts all products in one folder);
    /// `MAILDESK_BIN` overrides it.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["MAILDESK_BIN"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("maildesk").path
    }

    /// `helpdesk` goes into `[helpdesk]`; `tail` after it (e.g. `[[helpdesk.agents]]`, `[kb]`);
    /// `database` replaces the database path.
    init(messages: [[UInt8]] = [], helpdesk: String = "", tail: String = "", database: String = "db/maildesk.sqlite") throws {
        state = try MaildirFixtures.temporaryDirectory()
        _ = try MaildirFixtures.makeMaildir(in: state, messages)
        try """
            [database]
            path = "\(database)"

            [maildir]
            path = "Maildir"

            [outbox]
            directory = "outbox"

            [helpdesk]
            address = "support@maildesk.test"
            name = "CLI Support"
            secret_file = "secret"
            \(helpdesk)

            \(tail)
            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// `maildesk ARGUMENTS --config <this site>`.
    func run(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Result {
        try Self.run(arguments + ["--config", config], stdin: stdin)
    }

    /// Polls the Maildir once and fails the test unless that worked.
    func poll() throws {
        let poll = try run(["poll", "--once"])
        guard poll.status == 0 else { throw CLISiteError(description: "poll failed: \(poll.stderr)") }
    }

    static func run(_ arguments: [String], stdin: [UInt8]? = nil, executable: String = binary) throws -> Result {
        try ProcessRunner.run(executable, arguments, stdin: stdin)
    }

    /// The characters a terminal acts on (docs/cli.md#escaping) found in `text`, besides LF.
    static func rawControls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter {
            ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) || [0x2028, 0x2029].contains($0)
                || (0x202A...0x202E).contains($0) || (0x2066...0x2069).contains($0)
        }
    }
}

struct CLISiteError: Error, CustomStringConvertible { var description: String }
