/// Groups server lines ("250-…" continuation, "250 …" last) into replies.
/// - SeeAlso: RFC 5321 §4.2.1 (multiline replies)
enum SMTPReplyParser {
    static func replies(_ lines: [[UInt8]]) -> [SMTPReply] {
        var result: [SMTPReply] = []
        var pendingCode: Int?
        var pendingText: [String] = []
        for line in lines {
            guard line.count >= 3, line[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  (0x32...0x35).contains(line[0]) else { continue }
            let code = Int(String(decoding: line[0...2], as: UTF8.self))!
            let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { continue }
            if pendingCode != code { pendingText = [] }
            pendingCode = code
            pendingText.append(ReplyLines.text([Array(line.dropFirst(4))]))
            if separator == UInt8(ascii: " ") {
                result.append(SMTPReply(code: code, text: pendingText.joined(separator: "\n")))
                pendingCode = nil
                pendingText = []
            }
        }
        return result
    }

    /// The reply that explains a failed transaction: the last one with a 4xx/5xx code.
    static func lastFailure(_ lines: [[UInt8]]) -> SMTPReply? { replies(lines).last { $0.code >= 400 } }

    /// The reply that accepted the message: the last 2xx except 221 (QUIT).
    static func lastAcceptance(_ lines: [[UInt8]]) -> SMTPReply? {
        replies(lines).last { (200..<300).contains($0.code) && $0.code != 221 }
    }
}
