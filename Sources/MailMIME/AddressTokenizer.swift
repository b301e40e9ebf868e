extension AddressParser {
    /// Splits an address header into words, quoted strings, comments and specials.
    /// - SeeAlso: RFC 5322 §3.2.2 (comments), §3.2.4 (quoted strings), §3.2.3 (specials)
    static func tokenize(_ u: [UInt8]) -> [Token] {
        var out: [Token] = []
        var i = 0
        var space = false
        let specials = Array("<>,;:@".utf8)
        while i < u.count {
            let b = u[i]
            if ASCII.isWhitespace(b) { space = true; i += 1; continue }
            if b == ASCII.quote {
                var buf = [UInt8]()
                i += 1
                while i < u.count, u[i] != ASCII.quote {
                    if u[i] == ASCII.backslash, i + 1 < u.count { i += 1 }
                    if u[i] != ASCII.cr && u[i] != ASCII.lf { buf.append(u[i]) }
                    i += 1
                }
                i += 1
                out.append(Token(kind: .quoted, text: String(decoding: buf, as: UTF8.self), spaceBefore: space))
            } else if b == UInt8(ascii: "(") {
                var depth = 0
                var buf = [UInt8]()
                while i < u.count {
                    let c = u[i]
                    if c == ASCII.backslash, i + 1 < u.count { buf.append(u[i + 1]); i += 2; continue }
                    if c == UInt8(ascii: "(") { depth += 1; if depth > 1 { buf.append(c) } }
                    else if c == UInt8(ascii: ")") { depth -= 1; if depth == 0 { i += 1; break }; buf.append(c) }
                    else { buf.append(c) }
                    i += 1
                }
                out.append(Token(kind: .comment, text: String(decoding: buf, as: UTF8.self), spaceBefore: space))
            } else if specials.contains(b) {
                out.append(Token(kind: .special, text: String(decoding: [b], as: UTF8.self), spaceBefore: space))
                i += 1
            } else {
                let s = i
                while i < u.count, !ASCII.isWhitespace(u[i]), u[i] != ASCII.quote, u[i] != UInt8(ascii: "("),
                      !specials.contains(u[i]) { i += 1 }
                out.append(Token(kind: .word, text: String(decoding: u[s..<i], as: UTF8.self), spaceBefore: space))
            }
            space = false
        }
        return out
    }
}
