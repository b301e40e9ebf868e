import Foundation

/// The result of parsing one message: envelope headers decoded, best text, attachments, defects.
/// - SeeAlso: RFC 5322 §3.6 (fields), RFC 2045–2047 (MIME)
public struct ParsedMessage: Sendable {
    public var headers: [HeaderField]
    public var subject: String?
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    public var sender: MailAddress?
    public var date: Date?
    public var dateRaw: String?
    /// Without angle brackets.
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// Best text for a ticket: text/plain (preferred in alternatives), else HTML converted to text.
    public var text: String?
    public var html: String?
    public var attachments: [MIMEAttachment]
    public var defects: [MIMEDefect]
    public var root: MIMEPart

    public init(headers: [HeaderField] = [], subject: String? = nil, from: [MailAddress] = [], to: [MailAddress] = [],
                cc: [MailAddress] = [], replyTo: [MailAddress] = [], sender: MailAddress? = nil, date: Date? = nil,
                dateRaw: String? = nil, messageID: String? = nil, inReplyTo: [String] = [], references: [String] = [],
                text: String? = nil, html: String? = nil, attachments: [MIMEAttachment] = [],
                defects: [MIMEDefect] = [], root: MIMEPart = MIMEPart(path: "1", contentType: "text/plain")) {
        self.headers = headers
        self.subject = subject
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.sender = sender
        self.date = date
        self.dateRaw = dateRaw
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.text = text
        self.html = html
        self.attachments = attachments
        self.defects = defects
        self.root = root
    }

    /// First header named `name` (case-insensitive), decoded.
    public func header(_ name: String) -> String? { headers.first(named: name)?.value }

    /// All values of headers named `name` (case-insensitive), decoded, in order.
    public func headerValues(_ name: String) -> [String] { headers.all(named: name).map(\.value) }
}
