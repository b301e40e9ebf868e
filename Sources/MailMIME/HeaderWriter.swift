/// Writes header fields with CRLF, folding at whitespace so lines stay within 78 characters
/// where the content allows it, and never longer than 998 octets: a run without whitespace that
/// would pass that is broken with an inserted space (the last resort; it changes the token).
/// - SeeAlso: RFC 5322 §2.1.1 (line length limits), §2.2.3 (folding)
struct HeaderWriter {
    private(set) var bytes: [UInt8] = []
    static let limit = 78
    /// RFC 5322 §2.1.1: each line MUST be no more than 998 characters, excluding the CRLF.
    static let hardLimit = 998

    mutating func add(_ name: String, _ value: String) {
        let line = Array("\(name): \(value)".utf8)
        var start = 0  // start of the current output line within `line`
        var indent = 0  // 1 when the current output line begins with an inserted space
        while line.count - start + indent > Self.limit {
            let minCut = start == 0 ? name.utf8.count + 2 : start + 1
            if let cut = Self.whitespaceCut(line, start: start, indent: indent, minCut: minCut) {
                bytes += line[start..<cut]
                bytes += [ASCII.cr, ASCII.lf]
                start = cut  // the whitespace begins the continuation line
                indent = 0
            } else if line.count - start + indent <= Self.hardLimit {
                break
            } else {
                let cut = Self.characterBoundary(line, before: start + Self.hardLimit - indent, after: start)
                bytes += line[start..<cut]
                bytes += [ASCII.cr, ASCII.lf, ASCII.space]
                start = cut
                indent = 1
            }
        }
        bytes += line[start...]
        bytes += [ASCII.cr, ASCII.lf]
    }

    /// Where to fold the line that starts at `start`: the last whitespace within 78 characters (not
    /// the one right after the colon of the first line), else the first one after a long token, as
    /// long as the line stays within 998 octets; nil when there is none.
    static func whitespaceCut(_ line: [UInt8], start: Int, indent: Int, minCut: Int) -> Int? {
        func isWhitespace(_ i: Int) -> Bool { line[i] == ASCII.space || line[i] == ASCII.tab }
        var i = start + limit - indent
        while i > minCut {
            if i < line.count, isWhitespace(i) { return i }
            i -= 1
        }
        let last = min(line.count - 1, start + hardLimit - indent)
        var j = start + limit - indent + 1
        while j <= last {
            if isWhitespace(j) { return j }
            j += 1
        }
        return nil
    }

    /// `index`, or the nearest earlier position that does not split a UTF-8 sequence (after `floor`).
    static func characterBoundary(_ line: [UInt8], before index: Int, after floor: Int) -> Int {
        var cut = index
        while cut > floor + 1, line[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// Removes CR/LF and other controls so a value can never start a new header line.
    static func singleLine(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F {
                if out.last != " " { out.append(" ") }
            } else { out.append(u) }
        }
        return String(out)
    }
}
