/// Quoted-printable encoding of UTF-8 text with CRLF line breaks and lines of at most 76 characters.
/// - SeeAlso: RFC 2045 §6.7 (rules 1–5)
enum QuotedPrintableEncoder {
    static func encode(_ input: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(input.count + input.count / 8 + 4)
        let hex = Array("0123456789ABCDEF".utf8)
        var col = 0
        func emit(_ chunk: [UInt8]) {
            if col + chunk.count > 75 {  // leave room for the "=" of a soft break
                out += [ASCII.equals, ASCII.cr, ASCII.lf]
                col = 0
            }
            out += chunk
            col += chunk.count
        }
        var i = 0
        while i < input.count {
            let b = input[i]
            if b == ASCII.cr || b == ASCII.lf {
                // Any of CRLF, LF, CR is one hard line break.
                if b == ASCII.cr, i + 1 < input.count, input[i + 1] == ASCII.lf { i += 1 }
                out += [ASCII.cr, ASCII.lf]
                col = 0
                i += 1
                continue
            }
            let atLineEnd = i + 1 == input.count || input[i + 1] == ASCII.cr || input[i + 1] == ASCII.lf
            let literal: Bool
            if ASCII.isWSP(b) {
                literal = !atLineEnd
            } else if b == UInt8(ascii: ".") && col == 0 {
                literal = false  // a lone "." line would end SMTP DATA on careless relays
            } else if b == UInt8(ascii: "F") && col == 0 {
                literal = !(input[i...].starts(with: Array("From ".utf8)))  // mbox "From " quoting
            } else {
                literal = b >= 33 && b <= 126 && b != ASCII.equals
            }
            emit(literal ? [b] : [ASCII.equals, hex[Int(b >> 4)], hex[Int(b & 15)]])
            i += 1
        }
        return out
    }
}
