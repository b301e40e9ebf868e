/// Small text helpers shared by the reply-trimming matchers: line splitting with CRLF/CR normalisation
/// and whitespace trimming that also treats U+00A0 (no-break space) as space.
/// - SeeAlso: RFC 5322 §2.3 (CRLF line endings), RFC 3676 §4.1 (lines of a text/plain body)
enum ReplyText {
    /// Splits on LF, CRLF or lone CR. A final line break does not create an extra empty line.
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "\n" || c == "\r" {
                result.append(Substring(scalars[start..<i]))
                var next = scalars.index(after: i)
                if c == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                i = next
                start = i
            } else {
                i = scalars.index(after: i)
            }
        }
        if start < scalars.endIndex { result.append(Substring(scalars[start..<scalars.endIndex])) }
        return result
    }

    static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\u{A0}" || c == "\u{3000}" || c == "\u{200B}" || c == "\u{FEFF}"
    }

    static func trimmed(_ s: Substring) -> Substring {
        // Fast path: nothing to trim when both ends are visible ASCII (most lines).
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return s }
        var t = s
        while let f = t.first, isSpace(f) { t.removeFirst() }
        while let l = t.last, isSpace(l) { t.removeLast() }
        return t
    }

    static func isBlank(_ s: Substring) -> Bool { s.allSatisfy(isSpace) }

    /// Lines joined with "\n", without leading/trailing blank lines and without trailing spaces at the end.
    static func join(_ lines: [Substring]) -> String {
        var from = 0, to = lines.count
        while from < to, isBlank(lines[from]) { from += 1 }
        while to > from, isBlank(lines[to - 1]) { to -= 1 }
        var out = lines[from..<to].joined(separator: "\n")
        while let l = out.last, l == " " || l == "\t" { out.removeLast() }
        return out
    }
}

extension StringProtocol {
    /// Plain substring search over UTF-8 bytes. With Foundation imported, `contains(_: String)`
    /// resolves to a locale-aware CFString search, which made trimming a long mail cost milliseconds.
    func containsBytes(_ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            utf8.withContiguousStorageIfAvailable { hay in Self.search(hay, needle) } ?? Self.search(Array(utf8), needle)
        }
    }

    func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { hay in Self.search(hay, needle) } ?? Self.search(Array(utf8), needle)
        }
    }

    private static func search<H: Collection<UInt8>>(_ hay: H, _ needle: UnsafeBufferPointer<UInt8>) -> Bool
        where H.Index == Int {
        guard let first = needle.first else { return true }
        guard hay.count >= needle.count else { return false }
        let start = hay.startIndex
        let last = start + hay.count - needle.count
        var i = start
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
