/// Mailbox names on the wire: modified UTF-7 for non-ASCII, then an IMAP quoted string.
/// - SeeAlso: RFC 3501 §5.1.3 (mailbox international naming), §4.3 (quoted strings)
enum IMAPMailboxName {
    /// Encodes `name` in modified UTF-7: printable ASCII stays, "&" becomes "&-",
    /// other runs become "&" + modified BASE64 of UTF-16BE (',' for '/', no padding) + "-".
    static func encode(_ name: String) -> String {
        var out: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            out.append(UInt8(ascii: "&"))
            out += base64(pending.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            out.append(UInt8(ascii: "-"))
            pending = []
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out.append(UInt8(scalar.value))
                if scalar == "&" { out.append(UInt8(ascii: "-")) }
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// `name` encoded and wrapped as a quoted string with `\` and `"` escaped.
    static func quoted(_ name: String) -> String {
        var out = "\""
        for character in encode(name) {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }

    private static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0...chunk.count {
                out.append(alphabet[Int((value >> (18 - 6 * UInt32(position))) & 0x3F)])
            }
            index += 3
        }
        return out
    }
}
