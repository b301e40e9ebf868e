import Foundation
import MaildeskTestSupport
import Testing

/// A file or folder the user names that cannot be read: one line with the path and the OS reason
/// (strerror), exit 65, the same for every verb (docs/cli.md#exit-codes).
@Suite struct CLIFileErrorsTests {
    static func site() throws -> CLISite {
        try CLISite(tail: "[[helpdesk.agents]]\nid = \"alice\"\naddress = \"alice@maildesk.test\"\nname = \"Alice\"\n")
    }

    /// Each verb with `PATH` where it takes a file (or folder) name.
    static let verbs: [[String]] = [
        ["tickets", "reply", "1", "--as", "alice", "--file", "PATH"],
        ["tickets", "note", "1", "--as", "alice", "--file", "PATH"],
        ["parse", "PATH"],
        ["classify", "train", "--csv", "PATH"],
        ["classify", "eval", "--train", "PATH", "--test", "PATH"],
        ["restore", "PATH"],
        ["kb", "eval", "--kb", "KB", "--queries", "PATH"],
    ]

    static func expectOneLine(_ result: CLISite.Result, _ expected: String, _ arguments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 65, "\(arguments): \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr == "maildesk: \(expected)\n", "\(arguments)", sourceLocation: sourceLocation)
    }

    @Test(arguments: verbs) func missingFileNamesTheOSReason(_ verb: [String]) throws {
        let site = try Self.site()
        let missing = site.state + "/nowhere/reply.txt"
        try FileManager.default.createDirectory(atPath: site.state + "/kb", withIntermediateDirectories: true)
        let arguments = verb.map { $0 == "PATH" ? missing : $0 == "KB" ? site.state + "/kb" : $0 }
        Self.expectOneLine(try site.run(arguments), "cannot read \(missing): No such file or directory", arguments)
    }

    @Test(arguments: verbs) func aFolderIsNoFile(_ verb: [String]) throws {
        let site = try Self.site()
        let folder = site.state + "/kb"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let arguments = verb.map { $0 == "PATH" ? folder : $0 == "KB" ? folder : $0 }
        Self.expectOneLine(try site.run(arguments), "cannot read \(folder): Is a directory", arguments)
    }

    @Test func kbFoldersThatCannotBeReadNameTheOSReason() throws {
        let site = try Self.site()
        let missing = site.state + "/no-kb"
        let file = site.state + "/article.md"
        try "---\ntitle: A\n---\nText.\n".write(toFile: file, atomically: true, encoding: .utf8)
        let queries = site.state + "/queries.csv"
        try "text,expected\nhello,\n".write(toFile: queries, atomically: true, encoding: .utf8)
        for (arguments, expected) in [
            (["kb", "import", missing], "cannot read \(missing): No such file or directory"),
            (["kb", "import", file], "cannot read \(file): Not a directory"),
            (["kb", "eval", "--kb", missing, "--queries", queries], "cannot read \(missing): No such file or directory"),
        ] {
            Self.expectOneLine(try site.run(arguments), expected, arguments)
        }
    }

    @Test func standardInputStillWorks() throws {
        let site = try Self.site()
        let parse = try CLISite.run(["parse", "-"], stdin: MaildirFixtures.mail(from: "a@b.test", subject: "Via stdin", messageID: "s@b.test"))
        #expect(parse.status == 0, "\(parse.stderr)")
        #expect(parse.stdout.contains("Subject:    Via stdin"))
        // No ticket 1 yet: the text was read, then the ticket was looked up.
        let reply = try site.run(["tickets", "reply", "1", "--as", "alice", "--file", "-"], stdin: Array("Hello\n".utf8))
        #expect(reply.status == 65)
        #expect(reply.stderr == "maildesk: no ticket #1\n")
    }
}
