/// Parses the untagged lines libcurl hands back for custom IMAP requests, and tagged
/// failure lines from the reply trace. Works on bytes; keywords compare case-insensitively.
/// - SeeAlso: RFC 3501 §7 (server responses)
enum IMAPResponseParser {
    /// `* STATUS mailbox (MESSAGES n UIDNEXT n UIDVALIDITY n)`; nil when absent or incomplete.
    /// - SeeAlso: RFC 3501 §7.2.4
    static func status(_ body: [UInt8]) -> IMAPMailboxStatus? {
        for line in ReplyLines.split(body) where hasKeyword(line, "STATUS") {
            guard let open = line.lastIndex(of: UInt8(ascii: "(")),
                  let close = line.lastIndex(of: UInt8(ascii: ")")), open < close else { continue }
            let tokens = line[(open + 1)..<close].split(separator: UInt8(ascii: " "))
            var values: [String: UInt64] = [:]
            var index = 0
            while index + 1 < tokens.count {
                if let number = UInt64(String(decoding: tokens[index + 1], as: UTF8.self)) {
                    values[upper(tokens[index])] = number
                }
                index += 2
            }
            guard let validity = values["UIDVALIDITY"], validity <= UInt32.max,
                  let next = values["UIDNEXT"], next <= UInt32.max,
                  let messages = values["MESSAGES"], messages <= UInt64(Int.max) else { continue }
            return IMAPMailboxStatus(uidValidity: UInt32(validity), uidNext: UInt32(next), messages: Int(messages))
        }
        return nil
    }

    /// Numbers from every `* SEARCH n n …` line, in server order.
    /// - SeeAlso: RFC 3501 §7.2.5
    static func search(_ body: [UInt8]) -> [UInt32] {
        var result: [UInt32] = []
        for line in ReplyLines.split(body) where hasKeyword(line, "SEARCH") {
            for token in line.split(separator: UInt8(ascii: " ")).dropFirst(2) {
                if let uid = UInt32(String(decoding: token, as: UTF8.self)) { result.append(uid) }
            }
        }
        return result
    }

    /// Upper-cased capability names from `* CAPABILITY …` lines and `[CAPABILITY …]` response codes.
    /// - SeeAlso: RFC 3501 §7.2.1
    static func capabilities(_ lines: [[UInt8]]) -> Set<String> {
        var result: Set<String> = []
        for line in lines {
            var tokens = line.split(separator: UInt8(ascii: " ")).map(upper)
            if let start = tokens.firstIndex(of: "[CAPABILITY") {
                tokens = Array(tokens[(start + 1)...])
                if let end = tokens.firstIndex(where: { $0.hasSuffix("]") }) {
                    tokens[end].removeLast()
                    tokens = Array(tokens[...end])
                }
            } else if hasKeyword(line, "CAPABILITY") {
                tokens = Array(tokens.dropFirst(2))
            } else {
                continue
            }
            result.formUnion(tokens.filter { !$0.isEmpty })
        }
        return result
    }

    /// The last tagged `NO` / `BAD` line (else the last untagged `BYE`), as text: the server's explanation of a failure.
    /// - SeeAlso: RFC 3501 §7.1
    static func failureLine(_ lines: [[UInt8]]) -> String? {
        var bye: [UInt8]?
        for line in lines.reversed() {
            let tokens = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            guard tokens.count >= 2 else { continue }
            let status = upper(tokens[1])
            if tokens[0] != [UInt8(ascii: "*")] && tokens[0] != [UInt8(ascii: "+")] && (status == "NO" || status == "BAD") {
                return ReplyLines.text([line])
            }
            if tokens[0] == [UInt8(ascii: "*")] && status == "BYE" && bye == nil { bye = line }
        }
        return bye.map { ReplyLines.text([$0]) }
    }

    /// Whether a NO reply says the mailbox exists already.
    /// - SeeAlso: RFC 5530 §3 (ALREADYEXISTS)
    static func isAlreadyExists(_ reply: String) -> Bool {
        let upper = reply.uppercased()
        return upper.contains("[ALREADYEXISTS]") || upper.contains("ALREADY EXISTS")
    }

    /// True for `* KEYWORD …` lines.
    private static func hasKeyword(_ line: [UInt8], _ keyword: String) -> Bool {
        let tokens = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
        return tokens.count >= 2 && tokens[0] == [UInt8(ascii: "*")] && upper(tokens[1]) == keyword
    }

    private static func upper(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
