/// Content-Transfer-Encoding decoders. Lenient: they never fail, and report whether input was damaged.
/// - SeeAlso: RFC 2045 §6 (Content-Transfer-Encoding), §6.7 (quoted-printable), §6.8 (base64)
enum TransferDecoding {
    /// Decodes per the (lowercased) encoding name. Unknown encodings pass through with `damaged = true`.
    static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> (bytes: [UInt8], damaged: Bool, unknown: Bool) {
        switch encoding ?? "7bit" {
        case "base64":
            let r = base64(body)
            return (r.bytes, r.damaged, false)
        case "quoted-printable":
            let r = quotedPrintable(body)
            return (r.bytes, r.damaged, false)
        case "x-uuencode", "uuencode", "x-uue":
            let r = UUDecoder.decode(body)
            return (r.bytes, r.damaged, false)
        case "binary":
            return (Array(body), false, false)
        case "7bit", "8bit", "", "none", "7-bit", "8-bit":
            return (canonicalLineBreaks(body), false, false)
        default:
            return (Array(body), false, true)
        }
    }

    /// Line breaks of line-oriented data stand for CRLF (RFC 2045 §2.7–2.8, §6.7 rule 5): bare LFs
    /// (a message stored with Unix line ends) become CRLF, so sizes and digests do not depend on storage.
    static func canonicalLineBreaks(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var bare = 0
        var previous: UInt8 = 0
        for b in body {
            if b == ASCII.lf, previous != ASCII.cr { bare += 1 }
            previous = b
        }
        if bare == 0 { return Array(body) }
        var out = [UInt8]()
        out.reserveCapacity(body.count + bare)
        previous = 0
        for b in body {
            if b == ASCII.lf, previous != ASCII.cr { out.append(ASCII.cr) }
            out.append(b)
            previous = b
        }
        return out
    }

    private static let base64Table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62  // base64url, seen in the wild
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Base64 that skips whitespace and garbage and tolerates missing padding.
    static func base64(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var damaged = false
        var acc: UInt32 = 0, n = 0
        let table = base64Table
        func flushPartial() {
            switch n {
            case 2: out.append(UInt8(truncatingIfNeeded: acc >> 4))
            case 3:
                out.append(UInt8(truncatingIfNeeded: acc >> 10))
                out.append(UInt8(truncatingIfNeeded: acc >> 2))
            case 1: damaged = true
            default: break
            }
            acc = 0; n = 0
        }
        for b in input {
            let v = table[Int(b)]
            if v == 0xFF {
                // Padding ends a quantum; data after it is a separately encoded chunk.
                if b == ASCII.equals { flushPartial(); continue }
                if !ASCII.isWhitespace(b) { damaged = true }
                continue
            }
            acc = (acc << 6) | UInt32(v)
            n += 1
            if n == 4 {
                out.append(UInt8(truncatingIfNeeded: acc >> 16))
                out.append(UInt8(truncatingIfNeeded: acc >> 8))
                out.append(UInt8(truncatingIfNeeded: acc))
                acc = 0; n = 0
            }
        }
        flushPartial()
        return (out, damaged)
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }

    /// Quoted-printable: soft line breaks (also with trailing whitespace), bad escapes kept verbatim,
    /// trailing whitespace on encoded lines removed (RFC 2045 §6.7 rule 3).
    static func quotedPrintable(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var damaged = false
        var i = input.startIndex
        let end = input.endIndex
        var trailingLiteralSpaces = 0  // literal WSP at the end of `out` (encoded =20 is not counted)
        while i < end {
            let b = input[i]
            if b == ASCII.equals {
                if i + 2 < end, let h = hexValue(input[i + 1]), let l = hexValue(input[i + 2]) {
                    out.append(h << 4 | l)
                    trailingLiteralSpaces = 0
                    i += 3
                    continue
                }
                // Soft line break: "=" [WSP...] (CRLF | LF | end of input)
                var j = i + 1
                while j < end, ASCII.isWSP(input[j]) { j += 1 }
                if j == end { i = j; continue }
                if input[j] == ASCII.lf { i = j + 1; continue }
                if input[j] == ASCII.cr {
                    i = j + 1
                    if i < end, input[i] == ASCII.lf { i += 1 }
                    continue
                }
                damaged = true
                out.append(b)
                trailingLiteralSpaces = 0
                i += 1
                continue
            }
            if b == ASCII.cr || b == ASCII.lf {
                out.removeLast(trailingLiteralSpaces)
                trailingLiteralSpaces = 0
                // A hard line break is CRLF in the canonical form (rule 5), also when stored as bare LF.
                if b == ASCII.lf, out.last != ASCII.cr { out.append(ASCII.cr) }
            } else if ASCII.isWSP(b) {
                trailingLiteralSpaces += 1
            } else {
                trailingLiteralSpaces = 0
            }
            out.append(b)
            i += 1
        }
        return (out, damaged)
    }
}
