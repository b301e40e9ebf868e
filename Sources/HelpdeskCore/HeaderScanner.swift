/// A byte cursor over a structured header field value: skips CFWS (white space, folding, nested
/// comments with quoted pairs) and reads tokens and quoted strings.
/// - SeeAlso: RFC 5322 §3.2.2 (CFWS, comments), §3.2.4 (quoted-string), RFC 2045 §5.1 (token)
struct HeaderScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[position] }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Skips `name:` at the start when the value still carries its field name.
    mutating func skipFieldName(_ name: String) {
        let prefix = Array(name.utf8) + [UInt8(ascii: ":")]
        guard bytes.count >= prefix.count,
              zip(bytes, prefix).allSatisfy({ ASCIIFold.lower($0) == $1 }) else { return }
        position = prefix.count
    }

    /// Skips white space and comments; an unclosed comment runs to the end.
    mutating func skipCFWS() {
        while let byte = peek {
            if Self.isSpace(byte) { position += 1 }
            else if byte == UInt8(ascii: "(") { skipComment() }
            else { return }
        }
    }

    mutating func skipComment() {
        var depth = 0
        while let byte = peek {
            position += 1
            switch byte {
            case UInt8(ascii: "\\"): position += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
    }

    /// Bytes up to white space, `;`, `(`, `"` (and `=` when asked).
    mutating func run(stopAtEquals: Bool) -> String {
        let start = position
        while let byte = peek, !Self.isSpace(byte), byte != UInt8(ascii: ";"), byte != UInt8(ascii: "("),
              byte != UInt8(ascii: "\""), !(stopAtEquals && byte == UInt8(ascii: "=")) {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A quoted string's content (quoted pairs resolved); the cursor is on the opening quote.
    mutating func quoted() -> String {
        var out = [UInt8]()
        position += 1
        while let byte = peek {
            position += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\"), let next = peek { out.append(next); position += 1; continue }
            if byte != 0x0D && byte != 0x0A { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Adjacent tokens and quoted strings as one value, e.g. `"a b"@example.com`.
    mutating func value(stopAtEquals: Bool) -> String {
        var out = ""
        while let byte = peek {
            if byte == UInt8(ascii: "\"") { out += quoted() }
            else {
                let piece = run(stopAtEquals: stopAtEquals)
                if piece.isEmpty { break }
                out += piece
            }
        }
        return out
    }

    /// Consumes a lone `none` (RFC 8601 no-result) before `;` or the end; otherwise moves nothing.
    mutating func isNone() -> Bool {
        let start = position
        let word = run(stopAtEquals: true)
        skipCFWS()
        if word.lowercased() == "none", atEnd || peek == UInt8(ascii: ";") { return true }
        position = start
        return false
    }

    /// `a . b` with CFWS around the separator read as `a.b` (RFC 8601 method "/" version and
    /// ptype "." property); a separator inside the token is kept as it is.
    mutating func joined(by separator: UInt8) -> String {
        var out = value(stopAtEquals: true)
        while true {
            let before = position
            skipCFWS()
            guard peek == separator else { position = before; return out }
            position += 1
            skipCFWS()
            out += String(decoding: [separator], as: UTF8.self) + value(stopAtEquals: true)
        }
    }

    /// Moves to the next `target` byte outside comments and quoted strings (or to the end).
    mutating func skip(until target: UInt8) {
        while let byte = peek, byte != target {
            if byte == UInt8(ascii: "(") { skipComment() }
            else if byte == UInt8(ascii: "\"") { _ = quoted() }
            else { position += 1 }
        }
    }
}

enum ASCIIFold {
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
