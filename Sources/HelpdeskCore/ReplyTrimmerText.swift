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
