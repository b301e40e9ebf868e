/// Byte-level helpers shared by the parsers. Mail is parsed as bytes, never as `String`,
/// because Swift treats "\r\n" as a single `Character`.
enum ASCII {
    static let cr: UInt8 = 13, lf: UInt8 = 10, space: UInt8 = 32, tab: UInt8 = 9
    static let colon: UInt8 = 58, semicolon: UInt8 = 59, equals: UInt8 = 61, quote: UInt8 = 34
    static let backslash: UInt8 = 92, dash: UInt8 = 45

    @inline(__always) static func isWSP(_ b: UInt8) -> Bool { b == space || b == tab }
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab || b == cr || b == lf }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }

    /// Lowercases ASCII letters only.
    static func lowercased(_ s: String) -> String {
        String(decoding: s.utf8.map(lower), as: UTF8.self)
    }

    /// Trims spaces, tabs, CR and LF from both ends.
    static func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, isWhitespace(s[lo]) { lo += 1 }
        while hi > lo, isWhitespace(s[hi - 1]) { hi -= 1 }
        return s[lo..<hi]
    }

    static func trim(_ s: String) -> String {
        String(decoding: trim(Array(s.utf8)[...]), as: UTF8.self)
    }

    /// Case-insensitive comparison of bytes with an ASCII string.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard bytes.count == u.count else { return false }
        var i = bytes.startIndex
        for c in u {
            if lower(bytes[i]) != lower(c) { return false }
            i += 1
        }
        return true
    }

    /// Text of header bytes: UTF-8 when valid (RFC 6532), otherwise windows-1252; NULs come out as U+FFFD.
    static func text(_ bytes: ArraySlice<UInt8>) -> (String, isUTF8: Bool) {
        var ascii = true, nul = false
        for b in bytes where b >= 0x80 || b == 0 {
            if b == 0 { nul = true } else { ascii = false }
        }
        let s: String, isUTF8: Bool
        if ascii {
            (s, isUTF8) = (String(decoding: bytes, as: UTF8.self), true)
        } else if let utf8 = String(validating: bytes, as: UTF8.self) {
            (s, isUTF8) = (utf8, true)
        } else {
            (s, isUTF8) = (Charset.windows1252(bytes), false)
        }
        return (nul ? NULBytes.replaced(s).text : s, isUTF8)
    }

    /// Replaces CRLF and lone CR by LF.
    static func normalizeNewlines(_ s: String) -> String {
        var u = Array(s.utf8)
        guard u.contains(cr) else { return s }
        var out = [UInt8](); out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == cr {
                out.append(lf)
                if i + 1 < u.count, u[i + 1] == lf { i += 1 }
            } else { out.append(u[i]) }
            i += 1
        }
        u = out
        return String(decoding: u, as: UTF8.self)
    }
}
