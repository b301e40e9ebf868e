import Foundation
import HelpdeskCore
import MailMIME
import MaildeskServices
import Testing

/// Golden files for `maildesk parse --json --tree` over every fixture in fixtures/mail.
/// `RECORD_GOLDENS=1 swift test --filter ParseGoldenTests` rewrites them (and fails, so a person reads the diff).
/// Each fixture is also parsed with its line endings converted (LF↔CRLF); both parses must give the same JSON.
@Suite struct ParseGoldenTests {
    static let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let goldens = testDirectory.appendingPathComponent("Goldens")
    static let fixtures = testDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/mail")

    static var fixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func json(_ bytes: [UInt8]) throws -> String {
        let message = MIMEParser().parse(bytes)
        let view = ParsedMessageView(message: message, mailClass: MailClassifier().classify(message).mailClass,
                                     includeTree: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(view), as: UTF8.self) + "\n"
    }

    /// CRLF → LF when the file uses CRLF, else LF → CRLF.
    static func otherLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        let hasCRLF = zip(bytes, bytes.dropFirst()).contains { $0 == 13 && $1 == 10 }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var i = 0
        while i < bytes.count {
            if hasCRLF, bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                i += 1
                continue
            }
            if !hasCRLF, bytes[i] == 10 { out.append(13) }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// "line N: expected … / actual …" for the first line that differs.
    static func firstDifference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end of file>"
            let al = i < a.count ? String(a[i]) : "<end of file>"
            if el != al { return "line \(i + 1):\n  expected: \(el)\n  actual:   \(al)" }
        }
        return "no line differs"
    }

    @Test func thereAreAtLeastFortyFixtures() {
        #expect(Self.fixtureNames.count >= 40, "found \(Self.fixtureNames.count) fixtures in \(Self.fixtures.path)")
    }

    @Test(arguments: fixtureNames)
    func matchesGolden(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        let actual = try Self.json(bytes)
        let converted = try Self.json(Self.otherLineEndings(bytes))
        if converted != actual {
            Issue.record("""
                \(name): parse differs after converting line endings (LF↔CRLF); \
                \(Self.firstDifference(expected: actual, actual: converted))
                """)
        }

        let base = String(name.dropLast(4))
        let golden = Self.goldens.appendingPathComponent(base + ".json")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden)
            Issue.record("recorded new golden \(base).json — review it, then run again without RECORD_GOLDENS")
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("missing golden \(golden.path); run with RECORD_GOLDENS=1 and review the result")
            return
        }
        if expected != actual {
            Issue.record("""
                \(name) does not match golden \(golden.path); \(Self.firstDifference(expected: expected, actual: actual))
                (if the change is intended: RECORD_GOLDENS=1, then review the diff)
                """)
        }
    }
}
