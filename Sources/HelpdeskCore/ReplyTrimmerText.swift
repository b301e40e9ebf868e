/// Small text helpers shared by the reply-trimming matchers: line splitting with CRLF/CR normalisation
/// and whitespace trimming that also treats U+00A0 (no-break space) as space.
/// - SeeAlso: RFC 5322 §2.3 (CRLF line endings), RFC 3676 §4.1 (lines of a text/plain body)
enum ReplyText {
    /// Splits on LF, CRLF or lone CR. A final line break does not create an extra empty line.
    /// Scans UTF-8 bytes: CR and LF never occur inside a multi-byte sequence.
    static func lines(_ text: String) -> [Substring] {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        // Offsets from the contiguous bytes, indices from offsets: O(1) each for native UTF-8.
        let bounds: [(Int, Int)] = utf8.withContiguousStorageIfAvailable { bytes in
            var out: [(Int, Int)] = []
            var start = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    out.append((start, i))
                    i += b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < bytes.count { out.append((start, bytes.count)) }
            return out
        } ?? []
        var result: [Substring] = []
        result.reserveCapacity(bounds.count)
        var index = utf8.startIndex, offset = 0
        for (from, to) in bounds {
            let start = utf8.index(index, offsetBy: from - offset)
            let end = utf8.index(start, offsetBy: to - from)
            result.append(text[start..<end])
            index = end
            offset = to
        }
        return result
    }

    static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\u{A0}" || c == "\u{3000}" || c == "\u{200B}" || c == "\u{FEFF}"
    }

    static func trimmed(_ s: Substring) -> Substring {
        // Fast path: ASCII blanks next to ASCII bytes are whole Characters (no combining mark can
        // follow, no prepend mark precede), so they are dropped as bytes; most lines end here.
        let bytes = s.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 {
            let next = bytes.index(after: start)
            guard next == end || bytes[next] < 0x80 else { break }
            start = next
        }
        while start < end {
            let last = bytes.index(before: end)
            guard bytes[last] == 0x20 || bytes[last] == 0x09 else { break }
            guard last == start || bytes[bytes.index(before: last)] < 0x80 else { break }
            end = last
        }
        var t = s[start..<end]
        if let f = t.utf8.first, let l = t.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return t }
        while let f = t.first, isSpace(f) { t.removeFirst() }
        while let l = t.last, isSpace(l) { t.removeLast() }
        return t
    }

    /// Whether `s` has at most `limit` Characters, without walking graphemes when the bytes decide:
    /// never more Characters than bytes, and one per byte in ASCII without CR.
    static func hasAtMost(_ s: Substring, characters limit: Int) -> Bool {
        let bytes = s.utf8.count
        if bytes <= limit { return true }
        if firstBytes(of: s, bytes, allSatisfy: { $0 < 0x80 && $0 != 0x0D }) { return false }
        return s.count <= limit
    }

    static func isBlank(_ s: Substring) -> Bool { s.allSatisfy(isSpace) }

    /// An ASCII digit or letter (either case).
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    /// Whether all of the first `limit` UTF-8 bytes of `s` satisfy `predicate`.
    static func firstBytes(of s: Substring, _ limit: Int, allSatisfy predicate: (UInt8) -> Bool) -> Bool {
        !firstBytes(of: s, limit, contain: { !predicate($0) })
    }

    /// Whether one of the first `limit` UTF-8 bytes of `s` satisfies `predicate`.
    static func firstBytes(of s: Substring, _ limit: Int, contain predicate: (UInt8) -> Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.prefix(limit).contains(where: predicate) }
            ?? s.utf8.prefix(limit).contains(where: predicate)
    }

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
