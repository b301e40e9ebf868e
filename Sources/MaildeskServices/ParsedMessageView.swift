import Foundation
import HelpdeskCore
import MailMIME
import MaildeskStore

/// `maildesk parse FILE --json` (docs/cli.md#parse). Every key is present; null where not known or not built.
public struct ParsedMessageView: Encodable {
    let message: ParsedMessage
    let mailClass: MailClass
    let includeTree: Bool

    public init(message: ParsedMessage, mailClass: MailClass, includeTree: Bool) {
        self.message = message
        self.mailClass = mailClass
        self.includeTree = includeTree
    }

    enum Keys: String, CodingKey {
        case subject, from, to, cc, date, text, html, references, attachments, defects, parts
        case dateRaw = "date_raw", messageID = "message_id", inReplyTo = "in_reply_to"
        case replyText = "reply_text", mailClass = "mail_class"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        let address = { (list: [MailAddress]) in list.map { AddressView(name: $0.name, address: $0.address) } }
        try c.encode(message.subject, forKey: .subject)
        try c.encode(address(message.from), forKey: .from)
        try c.encode(address(message.to), forKey: .to)
        try c.encode(address(message.cc), forKey: .cc)
        try c.encode(message.date.map(Timestamps.rfc3339), forKey: .date)
        try c.encode(message.dateRaw, forKey: .dateRaw)
        try c.encode(message.messageID, forKey: .messageID)
        try c.encode(message.inReplyTo.first, forKey: .inReplyTo)
        try c.encode(message.references, forKey: .references)
        try c.encode(message.text, forKey: .text)
        try c.encode(message.html, forKey: .html)
        try c.encode(message.text.map { ReplyTrimmer().trim(text: $0, html: message.html).text }, forKey: .replyText)
        try c.encode(mailClass.rawValue, forKey: .mailClass)
        try c.encode(message.attachments.map {
            AttachmentView(name: $0.filename, contentType: $0.contentType, size: $0.size,
                           contentId: $0.contentID, disposition: $0.disposition, sha256: $0.sha256)
        }, forKey: .attachments)
        try c.encode(message.defects.map(DefectView.init), forKey: .defects)
        if includeTree { try c.encode(PartView(part: message.root), forKey: .parts) }
    }
}

struct DefectView: Encodable {
    let defect: MIMEDefect
    enum Keys: String, CodingKey { case code, detail, part }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(defect.code, forKey: .code)
        try c.encode(defect.detail, forKey: .detail)
        try c.encode(defect.part, forKey: .part)
    }
}

struct PartView: Encodable {
    let part: MIMEPart
    enum Keys: String, CodingKey {
        case path, disposition, filename, charset, parts, parameters
        case contentType = "content_type", size
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(part.path, forKey: .path)
        try c.encode(part.contentType, forKey: .contentType)
        try c.encode(part.parameters, forKey: .parameters)
        try c.encode(part.disposition, forKey: .disposition)
        try c.encode(part.filename, forKey: .filename)
        try c.encode(part.charset, forKey: .charset)
        try c.encode(part.decodedSize, forKey: .size)
        try c.encode(part.children.map(PartView.init), forKey: .parts)
    }
}
