/// The decoded content of a TNEF stream (Outlook's `winmail.dat`).
/// - SeeAlso: MS-OXTNEF §2.1.3 (TNEF stream), §2.1.3.2 (message attributes), §2.1.3.3 (attachment attributes)
public struct TNEFMessage: Sendable {
    /// The legacy key that follows the signature (MS-OXTNEF §2.1.3.1).
    public var legacyKey: UInt16
    /// attMessageClass, e.g. "IPM.Microsoft Mail.Note".
    public var messageClass: String?
    /// attSubject (or PR_SUBJECT from attMsgProps).
    public var subject: String?
    /// attBody (or PR_BODY from attMsgProps), newlines as in the stream.
    public var body: String?
    /// PR_BODY_HTML from attMsgProps, if the sender put one there.
    public var html: String?
    /// attOemCodepage: the code page legacy string attributes are written in (default 1252).
    public var codepage: Int
    /// The attachments in stream order.
    public var attachments: [TNEFAttachment]
    /// Checksum errors, truncation and other damage; `part` is nil (the caller knows the part).
    public var defects: [MIMEDefect]

    public init(legacyKey: UInt16 = 0, messageClass: String? = nil, subject: String? = nil, body: String? = nil,
                html: String? = nil, codepage: Int = 1252, attachments: [TNEFAttachment] = [],
                defects: [MIMEDefect] = []) {
        self.legacyKey = legacyKey
        self.messageClass = messageClass
        self.subject = subject
        self.body = body
        self.html = html
        self.codepage = codepage
        self.attachments = attachments
        self.defects = defects
    }
}

/// One attachment of a TNEF stream: the attAttachRendData … attAttachData group plus its MAPI properties.
/// - SeeAlso: MS-OXTNEF §2.1.3.3 (attachment attributes), §2.1.3.4 (attAttachment MAPI properties),
///   MS-OXCMSG §2.2.2 (PidTagAttachLongFilename, PidTagAttachMimeTag, PidTagAttachContentId)
public struct TNEFAttachment: Sendable {
    /// attAttachTitle (the legacy, possibly 8.3, name).
    public var title: String?
    /// PR_ATTACH_LONG_FILENAME from attAttachment, if present.
    public var longFilename: String?
    /// PR_ATTACH_MIME_TAG, if present.
    public var mimeType: String?
    /// PR_ATTACH_CONTENT_ID without angle brackets, if present.
    public var contentID: String?
    /// attAttachData, or PR_ATTACH_DATA_BIN / PR_ATTACH_DATA_OBJ when attAttachData is absent.
    public var data: [UInt8]
    /// AttachType from attAttachRendData: 1 file, 2 OLE object (MS-OXTNEF §2.1.3.3.2); nil when absent.
    public var renderType: UInt16?
    /// Storage for `embeddedMessage` (an array keeps the recursive value type finite).
    private var nested: [TNEFMessage]

    public init(title: String? = nil, longFilename: String? = nil, mimeType: String? = nil, contentID: String? = nil,
                data: [UInt8] = [], renderType: UInt16? = nil, embeddedMessage: TNEFMessage? = nil) {
        self.title = title
        self.longFilename = longFilename
        self.mimeType = mimeType
        self.contentID = contentID
        self.data = data
        self.renderType = renderType
        self.nested = embeddedMessage.map { [$0] } ?? []
    }

    /// The best file name: the long filename, else the title.
    public var filename: String? { longFilename ?? title }

    /// An attached Outlook item (PR_ATTACH_DATA_OBJ holding its own TNEF stream), decoded.
    public var embeddedMessage: TNEFMessage? {
        get { nested.first }
        set { nested = newValue.map { [$0] } ?? [] }
    }
}
