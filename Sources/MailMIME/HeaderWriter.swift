/// Writes header fields with CRLF, folding at whitespace so lines stay within 78 characters
/// where the content allows it.
/// - SeeAlso: RFC 5322 §2.1.1 (line length limits), §2.2.3 (folding)
struct HeaderWriter {
    private(set) var bytes: [UInt8] = []
    static let limit = 78

    mutating func add(_ name: String, _ value: String) {
        let line = Array("\(name): \(value)".utf8)
        var start = 0  // start of the current output line within `line`
        while line.count - start > Self.limit {
            // Last whitespace at or before the limit (not the one right after the colon of the first line).
            var cut = -1
            var i = start + Self.limit
            let minCut = start == 0 ? name.utf8.count + 2 : start + 1
            while i > minCut {
                if line[i] == ASCII.space || line[i] == ASCII.tab { cut = i; break }
                i -= 1
            }
            if cut < 0 {
                // A long token: break at the next whitespace after it instead.
                var j = start + Self.limit + 1
                while j < line.count, line[j] != ASCII.space, line[j] != ASCII.tab { j += 1 }
                if j >= line.count { break }
                cut = j
            }
            bytes += line[start..<cut]
            bytes += [ASCII.cr, ASCII.lf]
            start = cut  // the whitespace begins the continuation line
        }
        bytes += line[start...]
        bytes += [ASCII.cr, ASCII.lf]
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
