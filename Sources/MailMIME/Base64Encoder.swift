/// Base64 encoding for outgoing mail.
/// - SeeAlso: RFC 2045 §6.8
enum Base64Encoder {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ data: [UInt8]) -> String {
        String(decoding: encodeBytes(data, lineLength: nil), as: UTF8.self)
    }

    /// Encodes `data`; with `lineLength`, inserts CRLF after every `lineLength` output characters.
    static func encodeBytes(_ data: [UInt8], lineLength: Int?) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(data.count * 4 / 3 + data.count / 38 + 8)
        var col = 0
        func put(_ c: UInt8) {
            if let l = lineLength, col == l {
                out.append(ASCII.cr); out.append(ASCII.lf); col = 0
            }
            out.append(c); col += 1
        }
        var i = 0
        while i + 2 < data.count {
            let v = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
            put(alphabet[Int(v >> 18 & 63)]); put(alphabet[Int(v >> 12 & 63)])
            put(alphabet[Int(v >> 6 & 63)]); put(alphabet[Int(v & 63)])
            i += 3
        }
        let rest = data.count - i
        if rest > 0 {
            let v = UInt32(data[i]) << 16 | (rest == 2 ? UInt32(data[i + 1]) << 8 : 0)
            put(alphabet[Int(v >> 18 & 63)]); put(alphabet[Int(v >> 12 & 63)])
            put(rest == 2 ? alphabet[Int(v >> 6 & 63)] : ASCII.equals); put(ASCII.equals)
        }
        return out
    }
}
