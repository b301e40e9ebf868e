/// RFC 5322 quoted-string construction.
/// - SeeAlso: RFC 5322 §3.2.4
enum QuotedString {
    /// Wraps `s` in double quotes, escaping `"` and `\`.
    static func quote(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for ch in s.unicodeScalars {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        out.append("\"")
        return String(out)
    }
}
