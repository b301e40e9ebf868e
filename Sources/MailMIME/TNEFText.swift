/// Text inside TNEF: legacy attributes and PT_STRING8 properties are in the stream's OEM code page,
/// PT_UNICODE properties in UTF-16LE. Trailing NULs are dropped (strings have one, attBody often not).
/// - SeeAlso: MS-OXTNEF §2.1.3.2 (attOemCodepage), MS-OXCDATA §2.11.1 (PtypString8, PtypString)
enum TNEFText {
    static func legacy(_ bytes: ArraySlice<UInt8>, codepage: Int) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0 { end -= 1 }
        let trimmed = bytes[bytes.startIndex..<end]
        return Charset.decode(trimmed, label: label(codepage)).text
    }

    static func utf16LE(_ bytes: ArraySlice<UInt8>) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
            i += 2
        }
        while units.last == 0 { units.removeLast() }
        return NULBytes.replaced(String(decoding: units, as: UTF16.self)).text
    }

    /// A MIME charset label for a Windows code page number.
    static func label(_ codepage: Int) -> String {
        switch codepage {
        case 65001: return "utf-8"
        case 20127: return "us-ascii"
        case 28591...28599: return "iso-8859-\(codepage - 28590)"
        case 20866: return "koi8-r"
        case 21866: return "koi8-u"
        case 50220, 50221, 50222: return "iso-2022-jp"
        case 51932: return "euc-jp"
        case 51949: return "euc-kr"
        case 54936: return "gb18030"
        default: return "cp\(codepage)"
        }
    }
}
