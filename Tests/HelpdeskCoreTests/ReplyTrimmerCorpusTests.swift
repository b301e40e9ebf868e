import Foundation
import HelpdeskCore
import Testing

/// Conformance with Discourse's email_reply_trimmer corpus (`emails/X.txt` → `trimmed/X.txt`), in the
/// repository at fixtures/corpus/replies/email_reply_trimmer. A missing folder or file fails the test with
/// the path it expected. `spam_1.txt` expects an empty result, which maildesk never returns (it keeps the whole text).
@Suite struct ReplyTrimmerCorpusTests {
    /// Exact matches achieved; CI fails if a change drops below this.
    static let floor = 63

    static let corpusPath = "fixtures/corpus/replies/email_reply_trimmer"
    /// Tests/HelpdeskCoreTests/<this file> → repository root → fixtures/corpus/replies/email_reply_trimmer.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(corpusPath)

    /// The `.txt` names in a corpus subfolder, or a recorded failure naming the folder the test expected.
    static func names(in subfolder: String) throws -> [String] {
        let folder = directory.appendingPathComponent(subfolder)
        let listing = try #require(try? FileManager.default.contentsOfDirectory(atPath: folder.path),
                                   "reply trimmer corpus missing: expected the folder \(folder.path) (fixtures/corpus/README.md)")
        return listing.filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// A corpus file's text, or a recorded failure naming the file the test expected.
    static func text(_ relativePath: String) throws -> String {
        let url = directory.appendingPathComponent(relativePath)
        let data = try #require(FileManager.default.contents(atPath: url.path),
                                "reply trimmer corpus file missing: expected \(url.path)")
        return try #require(String(data: data, encoding: .utf8), "not UTF-8: \(url.path)")
    }

    /// Trailing whitespace removed from every line, trailing blank lines removed.
    static func normalise(_ s: String) -> String {
        var lines = s.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var l = line
                while let c = l.last, c == " " || c == "\t" || c == "\u{A0}" { l.removeLast() }
                return l
            }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    @Test func corpusExactMatches() throws {
        let names = try Self.names(in: "emails")
        let trimmer = ReplyTrimmer()
        var matches = 0
        var misses: [String] = []
        for name in names {
            let input = try Self.text("emails/\(name)")
            let expected = try Self.text("trimmed/\(name)")
            let got = trimmer.trim(text: input, html: nil)
            if Self.normalise(got.text) == Self.normalise(expected) {
                matches += 1
            } else {
                misses.append(name)
            }
        }
        // matchers/: inputs that make backtracking regular expressions explode; they must trim to
        // something (speed is measured in benchmarks, not asserted here).
        let matchers = try Self.names(in: "matchers")
        for name in matchers {
            let input = try Self.text("matchers/\(name)")
            let result = trimmer.trim(text: String(repeating: input, count: 200), html: nil)
            #expect(!result.text.isEmpty, "\(name)")
        }
        print("ReplyTrimmerCorpus: read \(names.count) replies and \(matchers.count) matcher input(s) from \(Self.corpusPath)")
        print("reply trimmer corpus: \(matches)/\(names.count) exact")
        if !misses.isEmpty { print("reply trimmer corpus misses: \(misses.joined(separator: ", "))") }
        #expect(names.count == 64, "\(Self.directory.path)/emails: \(names.count) emails, expected 64")
        #expect(matchers.count == 1, "\(Self.directory.path)/matchers: \(matchers.count) inputs, expected 1")
        #expect(matches >= Self.floor)
    }
}
