import Foundation
import Testing
@testable import MailMIME

/// Hostile and damaged input: the parser must return, never trap, and stay fast.
@Suite struct RobustnessTests {
    /// Small deterministic PRNG (SplitMix64) so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments: [String] = [
        "\n", "\r\n", "\r", " ", "\t", ":", ";", "=", "?", "\"", "\\", "<", ">", "(", ")", ",", "@", "--", "--b", "--b--",
        "Content-Type: multipart/mixed; boundary=b", "Content-Type: message/rfc822", "Content-Type: text/html",
        "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable", "=?utf-8?q?", "=?utf-8?b?",
        "?=", "=C3", "=\n", "From: ", "Date: ", "References: ", "name*0*=", "utf-8''%E2", "<p>", "</td>", "\u{0}", "é",
    ]

    @Test func randomMailShapedInputNeverCrashes() {
        var rng = SplitMix(state: 42)
        let parser = MIMEParser()
        for _ in 0..<2000 {
            var bytes = [UInt8]()
            for _ in 0..<Int.random(in: 1...80, using: &rng) {
                if Int.random(in: 0..<5, using: &rng) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += Array(Self.fragments.randomElement(using: &rng)!.utf8)
                }
            }
            let m = parser.parse(bytes)
            #expect(m.root.path == "" || m.root.path == "1")
        }
    }

    @Test func corpusMutationsNeverCrash() throws {
        // fixtures/corpus/mime in the repository; a missing folder fails here with the path it expected.
        let files = try CorpusConformanceTests.messages()
        var rng = SplitMix(state: 7)
        var read = 0
        for url in files {
            let original = try [UInt8](Data(contentsOf: url))
            read += 1
            guard !original.isEmpty else { continue }
            for _ in 0..<6 {
                var bytes = original
                // Truncate, then flip a few bytes.
                bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng) / 2)
                for _ in 0..<4 where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
                _ = MIMEParser().parse(bytes)
            }
        }
        print("RobustnessTests: mutated \(read) messages from \(CorpusConformanceTests.corpusPath) (6 variants each)")
    }

    @Test func pathologicalSizesStayBounded() {
        let longHeader = "Subject: " + String(repeating: "=?utf-8?q?a?= ", count: 20_000) + "\n\nbody"
        #expect(parse(longHeader).subject == String(repeating: "a", count: 20_000))
        let manyAddresses = "To: " + (0..<5000).map { "u\($0)@x.org" }.joined(separator: ", ") + "\n\n"
        #expect(parse(manyAddresses).to.count == 5000)
        let deepMessages = String(repeating: "Content-Type: message/rfc822\n\n", count: 500) + "leaf"
        #expect(parse(deepMessages).defectCodes.contains("limit.depth"))
        let noNewlines = String(repeating: "x", count: 2_000_000)
        #expect(parse(noNewlines).text != nil)
    }
}

@Suite struct ConcurrencyTests {
    @Test func parsesConcurrently() async {
        let html = "Content-Type: text/html; charset=iso-8859-1\n\n<p>Caf\u{e9} <a href=\"https://x.org\">link</a></p>"
        // UTF-8 "é" under a Latin-1 label decodes as "Ã©": the point is identical results, not the text.
        let bytes = Array(html.utf8)
        let results = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<64 {
                group.addTask { MIMEParser().parse(bytes).text }
            }
            var all: [String?] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 64)
        #expect(Set(results.map { $0 ?? "nil" }).count == 1)
        #expect(results.first??.contains("link <https://x.org>") == true)
    }
}
