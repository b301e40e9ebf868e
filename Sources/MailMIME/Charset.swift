import Glibc

/// Charset conversion to Swift strings: UTF-8/ASCII/Latin-1/windows-1252 in Swift, the rest via glibc iconv.
/// - SeeAlso: RFC 2046 §4.1.2 (charset parameter), RFC 2978 (charset registry)
enum Charset {
    /// The result of decoding with a declared label.
    struct Decoded {
        var text: String
        /// Nil when the declared charset decoded cleanly; otherwise a defect code.
        var problem: String?
        var usedCharset: String
        /// True when NULs were replaced by U+FFFD (`NULBytes`).
        var nulReplaced = false
    }

    /// Decodes `bytes` declared as `label` (nil = unlabeled). Falls back through
    /// declared → UTF-8 → windows-1252 → ISO-8859-1, reporting why. NULs come out as U+FFFD.
    static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> Decoded {
        var d = decodeKeepingNUL(bytes, label: label)
        (d.text, d.nulReplaced) = NULBytes.replaced(d.text)
        return d
    }

    private static func decodeKeepingNUL(_ bytes: ArraySlice<UInt8>, label: String?) -> Decoded {
        let name = label.map(canonicalName) ?? "UTF-8"
        if let text = strictDecode(bytes, canonical: name) {
            return Decoded(text: text, problem: nil, usedCharset: name)
        }
        let problem = isKnown(name) ? "charset.mismatch" : "charset.unknown"
        if name != "UTF-8", let s = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: s, problem: problem, usedCharset: "UTF-8")
        }
        if let s = windows1252Strict(bytes) {
            return Decoded(text: s, problem: problem, usedCharset: "WINDOWS-1252")
        }
        return Decoded(text: latin1(bytes), problem: problem, usedCharset: "ISO-8859-1")
    }

    /// Maps MIME labels to names glibc iconv knows, choosing supersets where mailers commonly lie
    /// (GB2312/GBK are decoded as GB18030, EUC-KR as CP949, Shift_JIS as CP932).
    static func canonicalName(_ label: String) -> String {
        var l = ASCII.lowercased(ASCII.trim(label))
        l = String(l.filter { $0 != "\"" && $0 != "'" })
        if l.hasPrefix("charset=") { l = String(l.dropFirst(8)) }  // seen: charset="charset=us-ascii"
        switch l {
        case "", "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "us", "iso646-us", "7bit", "8bit", "default", "x-unknown":
            return "US-ASCII"
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1": return "ISO-8859-1"
        case "gb2312", "gbk", "x-gbk", "cp936", "gb18030", "euc-cn", "x-euc-cn", "chinese", "csgb2312", "gb_2312-80":
            return "GB18030"
        case "big5", "big-5", "x-big5", "cn-big5", "csbig5", "cp950": return "BIG5-HKSCS"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932": return "CP932"
        case "euc-jp", "x-euc-jp", "eucjp": return "EUC-JP"
        case "iso-2022-jp", "csiso2022jp", "iso-2022-jp-1", "iso-2022-jp-2": return "ISO-2022-JP-2"
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "cp949", "windows-949", "korean", "x-windows-949": return "CP949"
        case "utf-7", "utf7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7": return "UTF-7"
        case "koi8-r", "koi8r", "cskoi8r": return "KOI8-R"
        case "koi8-u", "koi8u": return "KOI8-U"
        case "windows-1252", "cp1252", "x-cp1252", "ms-ansi": return "WINDOWS-1252"
        default:
            if l.hasPrefix("cp125"), l.count == 6 { return "WINDOWS-" + l.dropFirst(2) }
            if l.hasPrefix("x-mac-") { return "MAC" + l.dropFirst(6).uppercased() }
            if l.hasPrefix("iso8859-") { return "ISO-8859-" + l.dropFirst(8) }
            if l.hasPrefix("iso_8859-") { return "ISO-8859-" + l.dropFirst(9) }
            return l.uppercased()
        }
    }

    /// Strict decode: nil when the bytes are not valid in `canonical` or it is unknown.
    static func strictDecode(_ bytes: ArraySlice<UInt8>, canonical: String) -> String? {
        switch canonical {
        case "UTF-8": return String(validating: bytes, as: UTF8.self)
        case "US-ASCII":
            // Declared ASCII carrying 8-bit bytes is a lie; let the fallback chain decide.
            for b in bytes where b >= 0x80 { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case "ISO-8859-1": return latin1(bytes)
        case "WINDOWS-1252": return windows1252Strict(bytes)
        default: return iconvDecode(bytes, from: canonical)
        }
    }

    static func isKnown(_ canonical: String) -> Bool {
        if ["UTF-8", "US-ASCII", "ISO-8859-1", "WINDOWS-1252"].contains(canonical) { return true }
        let cd = iconv_open("UTF-8", canonical)
        if Int(bitPattern: cd) == -1 { return false }
        iconv_close(cd)
        return true
    }

    /// Converts with iconv; nil on unknown charset, invalid or incomplete input.
    static func iconvDecode(_ bytes: ArraySlice<UInt8>, from charset: String) -> String? {
        let cd = iconv_open("UTF-8", charset)
        if Int(bitPattern: cd) == -1 { return nil }
        defer { iconv_close(cd) }
        if bytes.isEmpty { return "" }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 4 + 16))
        var produced = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while true {
                let used = output.withUnsafeMutableBufferPointer { outBuf -> (Int, Int, Int32) in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count - produced
                    let before = outLeft
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (before - outLeft, r, r == -1 ? errno : 0)
                }
                produced += used.0
                if used.1 != -1 {
                    // Flush shift state (ISO-2022-JP, UTF-7).
                    var tail = [UInt8](repeating: 0, count: 16)
                    let flushed = tail.withUnsafeMutableBufferPointer { t -> Int in
                        var p: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(t.baseAddress!)
                            .assumingMemoryBound(to: CChar.self)
                        var left = t.count
                        _ = iconv(cd, nil, nil, &p, &left)
                        return t.count - left
                    }
                    output.replaceSubrange(produced..<produced, with: tail[0..<flushed])
                    produced += flushed
                    return true
                }
                if used.2 == E2BIG {
                    output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
                    continue
                }
                return false
            }
        }
        guard ok else { return nil }
        return String(validating: output[0..<produced], as: UTF8.self)
    }

    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { appendUTF8(UInt32(b), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// windows-1252 with its five undefined bytes mapped to C1 controls (never fails).
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            let high = b >= 0x80 && b < 0xA0 ? cp1252High[Int(b - 0x80)] : 0
            appendUTF8(high != 0 ? high : UInt32(b), to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        } else {
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    static func windows1252Strict(_ bytes: ArraySlice<UInt8>) -> String? {
        for b in bytes where b >= 0x80 && b < 0xA0 && cp1252High[Int(b - 0x80)] == 0 { return nil }
        return windows1252(bytes)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
