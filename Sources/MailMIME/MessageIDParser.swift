/// Extracts message identifiers from Message-ID, In-Reply-To and References.
/// - SeeAlso: RFC 5322 §3.6.4 (identification fields), §4.5.4 (obsolete: phrases between ids)
enum MessageIDParser {
    /// All ids in order, without angle brackets. Junk between bracketed ids is ignored; when there
    /// are no brackets at all, whitespace-separated tokens containing "@" are taken.
    static func ids(_ text: String) -> [String] {
        let u = Array(text.utf8)
        var out: [String] = []
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "<") {
                var j = i + 1
                while j < u.count, u[j] != UInt8(ascii: ">"), u[j] != UInt8(ascii: "<") { j += 1 }
                if j < u.count, u[j] == UInt8(ascii: ">") {
                    let inner = u[(i + 1)..<j].filter { !ASCII.isWhitespace($0) }
                    if !inner.isEmpty { out.append(String(decoding: inner, as: UTF8.self)) }
                    i = j + 1
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        if out.isEmpty {
            for tok in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) where tok.contains("@") {
                var t = Substring(tok)
                while t.first == "<" { t = t.dropFirst() }
                while t.last == ">" { t = t.dropLast() }
                if !t.isEmpty { out.append(String(t)) }
            }
        }
        return out
    }

    /// Strips one pair of angle brackets and whitespace from a user-supplied id.
    public static func normalize(_ id: String) -> String {
        var t = Substring(ASCII.trim(id))
        if t.first == "<" { t = t.dropFirst() }
        if t.last == ">" { t = t.dropLast() }
        return String(t)
    }
}
