import Crypto

/// The SHA-256 that decides whether two copies are "the same mail": the message without the trace
/// fields that each hop or mailbox adds (Received, Return-Path, Delivered-To, Authentication-Results,
/// spam and virus stamps, …). A copy re-listed by Office 365, delivered twice by an MTA, or reaching
/// two mailboxes through reply-all then counts as a duplicate; a change anywhere else does not.
/// - SeeAlso: RFC 5321 §4.4 (trace information), RFC 5322 §3.6.7 (trace fields), RFC 8601, RFC 8617
public enum ContentFingerprint {
    static let traceFields: Set<String> = [
        "received", "return-path", "delivered-to", "x-original-to", "x-delivered-to", "envelope-to",
        "x-envelope-to", "authentication-results", "arc-seal", "arc-message-signature",
        "arc-authentication-results", "received-spf", "x-received", "x-spam-flag", "x-spam-status",
        "x-spam-score", "x-spam-level", "x-spam-checker-version", "x-virus-scanned", "x-virus-status",
        "x-ms-exchange-organization-authas", "x-ms-exchange-crosstenant-id", "status", "x-status", "x-keywords",
        "x-uid", "lines", "content-length", "x-imapbase", "x-mozilla-status", "x-mozilla-status2",
    ]

    public static func of(_ raw: [UInt8]) -> String {
        var hasher = SHA256()
        var index = 0
        var skipping = false
        // Header lines up to the first empty line; folded lines follow their field's fate.
        while index < raw.count {
            var end = index
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            let lineEnd = min(end + 1, raw.count)
            var content = end
            if content > index, raw[content - 1] == 0x0D { content -= 1 }
            if content == index { break }  // end of the header
            let first = raw[index]
            if first != 0x20, first != 0x09 {
                var colon = index
                while colon < content, raw[colon] != 0x3A { colon += 1 }
                let name = String(decoding: raw[index..<colon], as: UTF8.self)
                skipping = traceFields.contains(name.trimmingSpaces().lowercased())
            }
            // Line endings are normalised so a CRLF and an LF copy agree.
            if !skipping { hasher.update(data: raw[index..<content]); hasher.update(data: [0x0A]) }
            index = lineEnd
        }
        var body = index
        while body < raw.count {
            var end = body
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            var content = end
            if content > body, raw[content - 1] == 0x0D { content -= 1 }
            hasher.update(data: raw[body..<content])
            if end < raw.count { hasher.update(data: [0x0A]) }
            body = end + 1
        }
        return hasher.finalize().map { byte in
            let digits = Array("0123456789abcdef")
            return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
        }.joined()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
