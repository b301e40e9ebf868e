import Foundation
import MaildeskTestSupport
import Testing

/// A user mistake on the command line is ONE line on stderr (`maildesk: …`), never the command list,
/// with exit 64 for a bad argument and 65 for an unknown ticket (docs/cli.md#exit-codes).
@Suite struct CLIUsageErrorsTests {
    static func site() throws -> CLISite {
        let site = try CLISite(messages: [MaildirFixtures.mail(from: "bob@example.com", subject: "Printer", messageID: "p@example.com")])
        try site.poll()
        return site
    }

    static func expectOneLine(_ result: CLISite.Result, status: Int32, containing text: String, _ arguments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "\(arguments): exit \(result.status)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("maildesk: "), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ["tickets", "show", "-1"], ["tickets", "show", "0"], ["tickets", "close", "-3"], ["tickets", "reopen", "0"],
        ["tickets", "merge", "-1", "1"], ["tickets", "merge", "1", "0"], ["tickets", "assign", "-1", "alice"],
        ["tickets", "reply", "-1", "--as", "alice", "--file", "-"], ["tickets", "note", "0", "--as", "alice", "--file", "-"],
        ["quarantine", "show", "-1"], ["quarantine", "retry", "0"], ["outbox", "retry", "-2"], ["explain", "-3"],
    ])
    func negativeAndZeroIdsAreUsageErrors(_ arguments: [String]) throws {
        let result = try Self.site().run(arguments, stdin: [])
        Self.expectOneLine(result, status: 64, containing: "ids are positive numbers", arguments)
        #expect(!result.stderr.contains("Missing expected argument"))
    }

    @Test(arguments: [
        (["tickets", "list", "--since", "-5d"], "--since takes YYYY-MM-DD or Nd"),
        (["tickets", "list", "--since=-5d"], "--since takes YYYY-MM-DD or Nd"),
        (["tickets", "list", "--since", "5x"], "--since takes YYYY-MM-DD or Nd"),
        (["stats", "--since", "-1d"], "--since takes YYYY-MM-DD or Nd"),
        (["report", "--html", "r.html", "--since", "-30d"], "--since takes YYYY-MM-DD or Nd"),
        (["kb", "search", "printer", "--limit", "-1"], "--limit must be at least 1"),
        (["tickets", "merge", "1", "1"], "a ticket cannot be merged into itself"),
    ])
    func badValuesAreOneLineUsageErrors(_ arguments: [String], _ message: String) throws {
        Self.expectOneLine(try Self.site().run(arguments), status: 64, containing: message, arguments)
    }

    @Test func unknownTicketsAreOneLineDataErrors() throws {
        let site = try Self.site()
        for (arguments, message) in [(["tickets", "merge", "1", "99"], "no ticket 99"), (["tickets", "close", "99"], "no ticket #99"),
                                     (["tickets", "show", "99"], "no ticket #99")] {
            let result = try site.run(arguments)
            Self.expectOneLine(result, status: 65, containing: message, arguments)
            #expect(!result.stderr.contains("#close"), "no command list: \(result.stderr)")
        }
    }

    @Test func aTextStartingWithADashStillGoesAfterDoubleDash() throws {
        let site = try Self.site()
        let search = try CLISite.run(["--config", site.config, "kb", "search", "--", "-5"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout == "no matching article\n")
        // A negative number after an option that takes a value is that option's value.
        let show = try site.run(["customers", "show", "bob@example.com", "--organisation", "-1"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("· -1\n"))
    }
}
