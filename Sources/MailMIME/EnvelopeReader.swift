import Foundation

/// Fills the decoded envelope fields of a `ParsedMessage` from its top-level headers.
/// - SeeAlso: RFC 5322 §3.6.2 (originator), §3.6.3 (destination), §3.6.4 (identification),
///   §3.6.5 (Subject), §3.3 (Date)
enum EnvelopeReader {
    static func read(into msg: inout ParsedMessage, defects: inout [MIMEDefect]) {
        let fields = msg.headers
        msg.subject = fields.first(named: "Subject")?.value
        func addresses(_ name: String) -> [MailAddress] {
            var out: [MailAddress] = []
            for f in fields.all(named: name) {
                let r = AddressParser.parse(f.rawText)
                out.append(contentsOf: r.addresses)
                for code in Set(r.defects) {
                    defects.append(MIMEDefect(code: code, detail: "in \(name): \(String(f.value.prefix(200)))"))
                }
            }
            return out
        }
        msg.from = addresses("From")
        msg.to = addresses("To")
        msg.cc = addresses("Cc")
        msg.replyTo = addresses("Reply-To")
        msg.sender = addresses("Sender").first

        if let d = fields.first(named: "Date") {
            let raw = d.rawText
            msg.dateRaw = raw
            if let secs = DateParser.parse(raw) {
                msg.date = Date(timeIntervalSince1970: secs)
            } else {
                let shown = raw.count > 80 ? String(raw.prefix(80)) + "…" : raw
                defects.append(MIMEDefect(code: "date.invalid", detail: "unparseable Date \"\(shown)\""))
            }
        }
        if let f = fields.first(named: "Message-ID") {
            if let id = MessageIDParser.ids(f.rawText).first {
                msg.messageID = id
            } else {
                let t = MessageIDParser.normalize(f.rawText)
                if !t.isEmpty, !t.contains(" ") { msg.messageID = t }
                defects.append(MIMEDefect(code: "message-id.invalid", detail: "Message-ID without <id@host>"))
            }
        }
        msg.inReplyTo = fields.all(named: "In-Reply-To").flatMap { MessageIDParser.ids($0.rawText) }
        msg.references = fields.all(named: "References").flatMap { MessageIDParser.ids($0.rawText) }
    }
}
