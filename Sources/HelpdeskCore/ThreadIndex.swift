/// Outlook's `Thread-Index` header: base64 of a 22-byte header block (1 reserved byte, 5 bytes of
/// FILETIME, a 16-byte conversation GUID) followed by one 5-byte child block per reply level. The GUID
/// names the conversation even when a client or gateway stripped `References`.
/// - SeeAlso: [MS-OXOMSG] §2.2.1.3 (PidTagConversationIndex), RFC 4648 §4 (base64)
public struct ThreadIndex: Sendable, Equatable {
    /// The conversation GUID (bytes 6..21), 32 lowercase hex digits.
    public var conversationID: String
    /// The number of 5-byte reply blocks after the header block (0 for the first mail).
    public var replyDepth: Int

    public init(conversationID: String, replyDepth: Int) {
        self.conversationID = conversationID
        self.replyDepth = replyDepth
    }

    /// Parses a `Thread-Index` value; white space (folding) anywhere is ignored. Nil when the value is
    /// not base64, or decodes to fewer than 22 bytes or to 22 + a non-multiple of 5 bytes.
    public init?(header: String) {
        guard let bytes = ThreadIndex.decodeBase64(Array(header.utf8)),
              bytes.count >= 22, (bytes.count - 22) % 5 == 0
        else { return nil }
        let guid = Array(bytes[6..<22])
        guard guid.contains(where: { $0 != 0 }) else { return nil }
        self.init(conversationID: hex(guid), replyDepth: (bytes.count - 22) / 5)
    }

    /// Decodes base64, skipping white space; padding is optional. Nil on any other character, on
    /// data after padding, or on a length that cannot come from whole bytes.
    static func decodeBase64(_ input: [UInt8]) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0, bits = 0, symbols = 0, padding = 0
        for byte in input {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { continue }
            if byte == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0, let value = base64Value(byte) else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            symbols += 1
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        guard symbols % 4 != 1, padding <= 2, padding == 0 || (symbols + padding) % 4 == 0 else { return nil }
        return out
    }

    static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
