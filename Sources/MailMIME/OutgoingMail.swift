import Crypto
import Foundation

/// A message we send: rendered as RFC 5322 with CRLF, MIME 1.0, UTF-8 quoted-printable text, with
/// an HTML body as multipart/alternative (plain text first, HTML last: the richest part last) and,
/// with attachments, multipart/mixed with base64 parts (the text or the alternative first).
/// - SeeAlso: RFC 5322 §3.6 (fields), §2.2.3 (folding), §3.3 (Date); RFC 2045 §6.7–6.8; RFC 2046 §5.1.3,
///   §5.1.4 (multipart/alternative);
///   RFC 2047 (non-ASCII subject and names); RFC 2231 (non-ASCII filenames); RFC 2183 (disposition)
public struct OutgoingMail: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress] = []
    public var replyTo: [MailAddress] = []
    public var subject: String
    public var date: Date
    /// Without angle brackets.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String] = []
    /// Extra fields such as ("Auto-Submitted", "auto-replied"); values must be ASCII.
    public var extraHeaders: [(String, String)] = []
    public var text: String
    /// An HTML alternative of `text` (UTF-8); nil sends text only.
    public var html: String?
    public var attachments: [(filename: String, contentType: String, data: [UInt8])] = []

    public init(from: MailAddress, to: [MailAddress], subject: String, date: Date, messageID: String, text: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.text = text
    }

    public func render() -> [UInt8] {
        var h = HeaderWriter()
        h.add("Date", Self.rfc5322Date(date))
        h.add("From", from.formatted)
        if !to.isEmpty { h.add("To", to.map(\.formatted).joined(separator: ", ")) }
        if !cc.isEmpty { h.add("Cc", cc.map(\.formatted).joined(separator: ", ")) }
        if !replyTo.isEmpty { h.add("Reply-To", replyTo.map(\.formatted).joined(separator: ", ")) }
        h.add("Subject", EncodedWords.encodeIfNeeded(HeaderWriter.singleLine(subject)))
        h.add("Message-ID", Self.bracket(messageID))
        if let r = inReplyTo { h.add("In-Reply-To", Self.bracket(r)) }
        if !references.isEmpty { h.add("References", references.map(Self.bracket).joined(separator: " ")) }
        for (name, value) in extraHeaders {
            let n = String(name.unicodeScalars.filter { $0.value > 32 && $0.value < 127 && $0 != ":" })
            guard !n.isEmpty else { continue }
            h.add(n, EncodedWords.encodeIfNeeded(HeaderWriter.singleLine(value)))
        }
        h.add("MIME-Version", "1.0")
        let body = QuotedPrintableEncoder.encode(Array(text.utf8))
        let textHeaders = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        if attachments.isEmpty, html == nil {
            h.add("Content-Type", "text/plain; charset=utf-8")
            h.add("Content-Transfer-Encoding", "quoted-printable")
            return h.bytes + [ASCII.cr, ASCII.lf] + body
        }
        // The readable body: the text part, or a multipart/alternative of text and HTML.
        var main = Array((textHeaders + "\r\n").utf8) + body
        if let html {
            let inner = boundaryString(salt: "alternative")
            var alternative = Array("--\(inner)\r\n\(textHeaders)\r\n".utf8) + body
            alternative += Array("\r\n--\(inner)\r\nContent-Type: text/html; charset=utf-8\r\n".utf8)
            alternative += Array("Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            alternative += QuotedPrintableEncoder.encode(Array(html.utf8)) + Array("\r\n--\(inner)--\r\n".utf8)
            let type = "multipart/alternative; boundary=\"\(inner)\""
            if attachments.isEmpty {
                h.add("Content-Type", type)
                return h.bytes + Array("\r\nThis is a multi-part message in MIME format.\r\n".utf8) + alternative
            }
            main = Array("Content-Type: \(type)\r\n\r\n".utf8) + alternative
        }
        let boundary = boundaryString()
        h.add("Content-Type", "multipart/mixed; boundary=\"\(boundary)\"")
        var out = h.bytes + Array("\r\nThis is a multi-part message in MIME format.\r\n".utf8)
        let delimiter = Array("\r\n--\(boundary)\r\n".utf8)
        out += delimiter
        out += main
        for a in attachments {
            out += delimiter
            var p = HeaderWriter()
            let type = String(a.contentType.unicodeScalars.filter { $0.value > 32 && $0.value < 127 && $0 != ";" })
            p.add("Content-Type", "\(type.isEmpty ? "application/octet-stream" : type); "
                  + Self.parameter("name", a.filename, rfc2231: false))
            p.add("Content-Disposition", "attachment; " + Self.parameter("filename", a.filename, rfc2231: true))
            p.add("Content-Transfer-Encoding", "base64")
            out += p.bytes + [ASCII.cr, ASCII.lf] + Base64Encoder.encodeBytes(a.data, lineLength: 76)
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// A deterministic boundary ("=_" never occurs in quoted-printable or base64 output).
    private func boundaryString(salt: String = "") -> String {
        let seed = "\(messageID)|\(date.timeIntervalSince1970)|\(attachments.count)\(salt)"
        let digest = SHA256.hash(data: Array(seed.utf8))
        let hex = digest.prefix(12).map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        return "=_maildesk_\(hex)"
    }

    private static func bracket(_ id: String) -> String {
        "<" + MessageIDParser.normalize(HeaderWriter.singleLine(id)) + ">"
    }

    /// `name="value"`; non-ASCII values use RFC 2231 (`name*=utf-8''…`) or RFC 2047 in the quoted form.
    private static func parameter(_ name: String, _ value: String, rfc2231: Bool) -> String {
        let v = HeaderWriter.singleLine(value)
        let ascii = v.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if ascii { return "\(name)=" + QuotedString.quote(v) }
        if !rfc2231 { return "\(name)=\"\(EncodedWords.encodeIfNeeded(v))\"" }
        var enc = "utf-8''"
        let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        for b in v.utf8 {
            if safe.contains(b) { enc.unicodeScalars.append(Unicode.Scalar(b)) } else {
                let hex = String(b, radix: 16, uppercase: true)
                enc += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return "\(name)*=\(enc)"
    }

    /// "Wed, 25 Nov 2026 10:35:43 +0000" (RFC 5322 §3.3), always UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86400 : (total - 86399) / 86400
        let secs = total - days * 86400
        let (y, m, d) = DateParser.civilFromDays(days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let wd = weekdays[((days % 7) + 7) % 7]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(wd), \(d) \(months[m - 1]) \(y) \(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)) +0000"
    }
}
