/// NUL (U+0000) in decoded text. Mail can carry it: raw in obsolete header and body syntax (RFC 5322 §4.1),
/// in 8-bit data that should not have it (RFC 2045 §2.7–2.8), or escaped (`=00`, base64, RFC 2047 words,
/// RFC 2231 `%00`, UTF-16). C-string consumers (SQLite text binding, libxml2) stop at the first NUL and
/// cut the rest, so the decoders replace each NUL by U+FFFD REPLACEMENT CHARACTER and the parser records
/// a `nul-byte` defect naming where. Raw bytes (`HeaderField.rawValue`, attachment data) keep their NULs.
/// - SeeAlso: docs/design.md (MIME)
enum NULBytes {
    /// Defect code for a NUL replaced in decoded text.
    static let code = "nul-byte"
    /// U+FFFD in UTF-8.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// `s` with every NUL replaced by U+FFFD, and whether there was one.
    static func replaced(_ s: String) -> (text: String, found: Bool) {
        guard s.utf8.contains(0) else { return (s, false) }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            if b == 0 { out += replacement } else { out.append(b) }
        }
        return (String(decoding: out, as: UTF8.self), true)
    }
}
