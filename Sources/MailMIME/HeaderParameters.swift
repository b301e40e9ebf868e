/// A structured MIME header value with parameters, e.g. Content-Type and Content-Disposition.
/// - SeeAlso: RFC 2045 §5.1 (Content-Type syntax), RFC 2183 §2 (Content-Disposition),
///   RFC 2231 §3 (continuations), §4 (charset'language'value)
struct HeaderParameters: Sendable {
    /// Lowercased main value ("text/plain", "attachment"), trimmed.
    var value: String
    /// Parameters with lowercased names and decoded values.
    var parameters: [String: String]
    var defects: [String] = []

    init(_ text: String) {
        let u = Array(text.utf8)
        var i = 0
        while i < u.count, u[i] != ASCII.semicolon { i += 1 }
        var main = Array(ASCII.trim(u[0..<i]))
        // Tolerate a comment or trailing junk: "text/plain (comment)" → "text/plain".
        if let sp = main.firstIndex(where: { ASCII.isWhitespace($0) || $0 == UInt8(ascii: "(") }) {
            main = Array(main[..<sp])
        }
        // Keep RFC 2045 token characters and "/" only ("text/plain>" → "text/plain").
        let tspecials = Array("()<>@,;:\\\"[]?=".utf8)
        let cleaned = main.filter { $0 > 32 && $0 < 127 && !tspecials.contains($0) }
        if cleaned.count != main.count { defects.append("parameter.invalid-value-characters") }
        value = ASCII.lowercased(String(decoding: cleaned, as: UTF8.self))
        parameters = [:]
        var simple: [String: String] = [:]
        var segments: [String: [(index: Int, extended: Bool, value: String)]] = [:]
        while i < u.count {
            while i < u.count, u[i] == ASCII.semicolon || ASCII.isWhitespace(u[i]) { i += 1 }
            let nameStart = i
            while i < u.count, u[i] != ASCII.equals, u[i] != ASCII.semicolon { i += 1 }
            let name = ASCII.lowercased(String(decoding: ASCII.trim(u[nameStart..<i]), as: UTF8.self))
            guard i < u.count, u[i] == ASCII.equals else {
                if !name.isEmpty { defects.append("parameter.malformed") }
                continue
            }
            i += 1
            while i < u.count, ASCII.isWhitespace(u[i]) { i += 1 }
            var raw = [UInt8]()
            if i < u.count, u[i] == ASCII.quote {
                i += 1
                while i < u.count, u[i] != ASCII.quote {
                    if u[i] == ASCII.backslash, i + 1 < u.count { i += 1 }
                    raw.append(u[i])
                    i += 1
                }
                if i >= u.count { defects.append("parameter.unterminated-quote") }
                i += 1
                while i < u.count, u[i] != ASCII.semicolon { i += 1 }  // junk after the quote
            } else {
                let s = i
                while i < u.count, u[i] != ASCII.semicolon { i += 1 }
                raw = Array(ASCII.trim(u[s..<i]))
            }
            let val = String(decoding: raw, as: UTF8.self)
            if name.isEmpty { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                if rest.isEmpty {
                    segments[base, default: []].append((0, true, val))
                } else {
                    let extended = rest.hasSuffix("*")
                    let digits = extended ? rest.dropLast() : rest
                    guard let n = Int(digits) else { defects.append("parameter.malformed"); continue }
                    segments[base, default: []].append((n, extended, val))
                }
            } else if simple[name] == nil {
                simple[name] = val
            } else {
                defects.append("parameter.duplicate")
            }
        }
        for (name, var segs) in segments {
            segs.sort { $0.index < $1.index }
            var charset: String? = nil
            var bytes = [UInt8]()
            for (k, seg) in segs.enumerated() {
                var v = Array(seg.value.utf8)[...]
                if k == 0 && seg.extended {
                    // charset'language'value
                    let parts = v.split(separator: UInt8(ascii: "'"), maxSplits: 2, omittingEmptySubsequences: false)
                    if parts.count == 3 {
                        charset = parts[0].isEmpty ? nil : String(decoding: parts[0], as: UTF8.self)
                        v = parts[2]
                    }
                }
                bytes.append(contentsOf: seg.extended ? Self.percentDecode(v) : Array(v))
            }
            let d = Charset.decode(bytes[...], label: charset)
            if let p = d.problem { defects.append("parameter.\(p)") }
            if d.nulReplaced { defects.append(NULBytes.code) }  // "%00" (RFC 2231 §4)
            simple[name] = d.text
        }
        for (name, v) in simple {
            if name != "boundary", v.contains("=?") {
                let d = EncodedWords.decodeReportingDefects(v)
                // A NUL in an encoded word is already reported by the header parser, which decodes the whole field.
                defects.append(contentsOf: d.defects.filter { $0 != NULBytes.code })
                parameters[name] = d.text
            } else {
                parameters[name] = v
            }
        }
    }

    static func percentDecode(_ v: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(v.count)
        var i = v.startIndex
        while i < v.endIndex {
            if v[i] == UInt8(ascii: "%"), i + 2 < v.endIndex,
               let h = TransferDecoding.hexValue(v[i + 1]), let l = TransferDecoding.hexValue(v[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }
}
