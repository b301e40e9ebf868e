import Foundation
import HelpdeskCore
import Testing

/// Conformance with Discourse's email_reply_trimmer corpus (`emails/X.txt` → `trimmed/X.txt`).
/// The corpus lives next to the repository (`../shared/corpus`) or where `MAILDESK_CORPUS` points.
/// `spam_1.txt` expects an empty result, which maildesk never returns (it keeps the whole text).
@Suite struct ReplyTrimmerCorpusTests {
    /// Exact matches achieved; CI fails if a change drops below this.
    static let floor = 63

    static func corpusDirectory() -> URL? {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["MAILDESK_CORPUS"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus"))
        for base in candidates {
            let dir = base.appendingPathComponent("replies/email_reply_trimmer")
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("emails").path) { return dir }
        }
        return nil
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
        guard let dir = Self.corpusDirectory() else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("reply trimmer corpus not found (../shared/corpus or MAILDESK_CORPUS)")
            } else {
                print("reply trimmer corpus: not found, set MAILDESK_CORPUS; skipping conformance")
            }
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("emails").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        let trimmer = ReplyTrimmer()
        var matches = 0
        var misses: [String] = []
        for name in names {
            let input = try String(contentsOf: dir.appendingPathComponent("emails/\(name)"), encoding: .utf8)
            let expected = try String(contentsOf: dir.appendingPathComponent("trimmed/\(name)"), encoding: .utf8)
            let got = trimmer.trim(text: input, html: nil)
            if Self.normalise(got.text) == Self.normalise(expected) {
                matches += 1
            } else {
                misses.append(name)
            }
        }
        // matchers/: inputs that make backtracking regular expressions explode; they must trim to
        // something (speed is measured in benchmarks, not asserted here).
        let matcherDir = dir.appendingPathComponent("matchers")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: matcherDir.path)) ?? [] {
            let input = try String(contentsOf: matcherDir.appendingPathComponent(name), encoding: .utf8)
            let result = trimmer.trim(text: String(repeating: input, count: 200), html: nil)
            #expect(!result.text.isEmpty, "\(name)")
        }
        print("reply trimmer corpus: \(matches)/\(names.count) exact")
        if !misses.isEmpty { print("reply trimmer corpus misses: \(misses.joined(separator: ", "))") }
        #expect(names.count == 64)
        #expect(matches >= Self.floor)
    }
}
