/// RFC 2047 encoded words ("=?charset?B|Q?text?=") in unstructured header text and phrases.
/// - SeeAlso: RFC 2047 §2 (syntax), §4 (B and Q encodings), §6.2 (display: whitespace between adjacent
///   encoded words is ignored); RFC 2231 §5 (`charset*language`)
public enum EncodedWords {
    /// Decodes every encoded word in `s`; malformed ones are kept verbatim.
    public static func decode(_ s: String) -> String { decodeReportingDefects(s).text }

    /// Decodes and also returns defect codes for malformed or mislabelled words.
    public static func decodeReportingDefects(_ s: String) -> (text: String, defects: [String]) {
        let u = Array(s.utf8)
        guard u.count >= 8, containsMarker(u) else { return (s, []) }
        return decode(bytes: u)
    }

    /// Decodes raw header bytes: encoded words by their own charset, the text between them as UTF-8
    /// (windows-1252 when invalid), so 8-bit bytes inside an encoded word keep their declared charset.
    /// A NUL, raw or encoded, comes out as U+FFFD with a `nul-byte` defect (`NULBytes`).
    static func decode(bytes u: [UInt8]) -> (text: String, defects: [String]) {
        guard containsMarker(u) else { return (ASCII.text(u[...]).0, u.contains(0) ? [NULBytes.code] : []) }
        var out = [UInt8]()
        out.reserveCapacity(u.count)
        var literal = [UInt8]()
        var defects: [String] = u.contains(0) ? [NULBytes.code] : []
        func flushLiteral() {
            guard !literal.isEmpty else { return }
            out.append(contentsOf: ASCII.text(literal[...]).0.utf8)
            literal.removeAll(keepingCapacity: true)
        }
        var pending: (charset: String, bytes: [UInt8])? = nil
        func flush() {
            flushLiteral()
            guard let p = pending else { return }
            let d = Charset.decode(p.bytes[...], label: p.charset)
            if let problem = d.problem { defects.append("encoded-word.\(problem)") }
            if d.nulReplaced { defects.append(NULBytes.code) }
            out.append(contentsOf: d.text.utf8)
            pending = nil
        }
        var i = 0
        while i < u.count {
            if u[i] == ASCII.equals, i + 1 < u.count, u[i + 1] == UInt8(ascii: "?") {
                switch parseWord(u, at: i) {
                case .word(let charset, let bytes, let end):
                    if let p = pending, p.charset == charset {
                        pending!.bytes.append(contentsOf: bytes)
                    } else {
                        flush()
                        pending = (charset, bytes)
                    }
                    // Whitespace between two encoded words is dropped (RFC 2047 §6.2).
                    var j = end
                    while j < u.count, ASCII.isWhitespace(u[j]) { j += 1 }
                    if j > end, j + 1 < u.count, u[j] == ASCII.equals, u[j + 1] == UInt8(ascii: "?"),
                       case .word = parseWord(u, at: j) {
                        i = j
                    } else {
                        i = end
                    }
                    continue
                case .invalid:
                    defects.append("encoded-word.invalid")
                case .none:
                    break
                }
            }
            if pending != nil { flush() }
            literal.append(u[i])
            i += 1
        }
        flush()
        return (String(decoding: out, as: UTF8.self), defects)
    }

    private static func containsMarker(_ u: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < u.count {
            if u[i] == ASCII.equals && u[i + 1] == UInt8(ascii: "?") { return true }
            i += 1
        }
        return false
    }

    private enum WordParse { case word(charset: String, bytes: [UInt8], end: Int), invalid, none }

    /// Parses "=?charset?X?text?=" starting at `start`. `.none` when it is not shaped like a word at all.
    private static func parseWord(_ u: [UInt8], at start: Int) -> WordParse {
        let q = UInt8(ascii: "?")
        var i = start + 2
        let csStart = i
        while i < u.count, u[i] != q, !ASCII.isWhitespace(u[i]), i - csStart < 64 { i += 1 }
        guard i < u.count, u[i] == q, i > csStart, i + 2 < u.count, u[i + 2] == q else { return .none }
        var charset = String(decoding: u[csStart..<i], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }  // RFC 2231 §5
        let enc = ASCII.lower(u[i + 1])
        let textStart = i + 3
        var j = textStart
        while j < u.count, u[j] != q, u[j] != ASCII.cr, u[j] != ASCII.lf { j += 1 }
        guard j + 1 < u.count, u[j] == q, u[j + 1] == ASCII.equals else { return .none }
        let text = u[textStart..<j]
        switch enc {
        case UInt8(ascii: "b"):
            let r = TransferDecoding.base64(text)
            if r.damaged { return .invalid }
            return .word(charset: ASCII.lowercased(charset), bytes: r.bytes, end: j + 2)
        case UInt8(ascii: "q"):
            return .word(charset: ASCII.lowercased(charset), bytes: qDecode(text), end: j + 2)
        default:
            return .invalid
        }
    }

    /// "Q" encoding: "_" is space, "=XX" a byte; bad escapes stay literal.
    static func qDecode(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            if b == UInt8(ascii: "_") {
                out.append(ASCII.space)
            } else if b == ASCII.equals, i + 2 < text.endIndex,
                      let h = TransferDecoding.hexValue(text[i + 1]), let l = TransferDecoding.hexValue(text[i + 2]) {
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// Encodes `s` for an unstructured header or phrase when it is not plain printable ASCII.
    /// Only runs of words that need it are encoded (UTF-8, "B"), each word ≤ 60 characters so the
    /// header can be folded between them.
    public static func encodeIfNeeded(_ s: String) -> String {
        let words = s.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func needs(_ w: String) -> Bool {
            w.unicodeScalars.contains { $0.value >= 0x7F || $0.value < 0x20 } || w.contains("=?")
        }
        guard words.contains(where: needs) else { return s }
        var out: [String] = []
        var i = 0
        while i < words.count {
            guard needs(words[i]) else { out.append(words[i]); i += 1; continue }
            var j = i
            while j + 1 < words.count, needs(words[j + 1]) { j += 1 }
            // Absorb one plain word between two encoded runs would need a literal space; keep runs separate.
            out.append(contentsOf: encodeRun(words[i...j].joined(separator: " ")))
            i = j + 1
        }
        return out.joined(separator: " ")
    }

    private static func encodeRun(_ text: String) -> [String] {
        var chunks: [String] = []
        var current = [UInt8]()
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if current.count + bytes.count > 36 {
                chunks.append("=?UTF-8?B?" + Base64Encoder.encode(current) + "?=")
                current.removeAll()
            }
            current.append(contentsOf: bytes)
        }
        if !current.isEmpty { chunks.append("=?UTF-8?B?" + Base64Encoder.encode(current) + "?=") }
        return chunks
    }
}
