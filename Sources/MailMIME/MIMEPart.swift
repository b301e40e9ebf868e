/// One node of the MIME tree.
/// - SeeAlso: RFC 2045 §5 (Content-Type), RFC 2046 §5.1 (multipart), §5.2.1 (message/rfc822),
///   RFC 3501 §6.4.5 (part numbering, used for `path`)
public struct MIMEPart: Sendable {
    /// "" for a multipart top level, "1" for a single-part message, "1.2" for nested parts.
    public var path: String
    /// Lowercased "type/subtype".
    public var contentType: String
    /// Content-Type parameters (lowercased names, RFC 2231/2047-decoded values).
    public var parameters: [String: String]
    public var headers: [HeaderField]
    /// Sub-parts of a multipart; for message/rfc822 the embedded message's top-level entity.
    public var children: [MIMEPart]
    /// Lowercased Content-Disposition type ("inline", "attachment") or nil.
    public var disposition: String?
    public var filename: String?
    public var charset: String?
    /// Size of the body after transfer decoding (0 for multiparts).
    public var decodedSize: Int

    public init(path: String, contentType: String, parameters: [String: String] = [:], headers: [HeaderField] = [],
                children: [MIMEPart] = [], disposition: String? = nil, filename: String? = nil,
                charset: String? = nil, decodedSize: Int = 0) {
        self.path = path
        self.contentType = contentType
        self.parameters = parameters
        self.headers = headers
        self.children = children
        self.disposition = disposition
        self.filename = filename
        self.charset = charset
        self.decodedSize = decodedSize
    }
}

/// A file-like part of a message: disposition attachment, a filename, or a non-text leaf.
/// - SeeAlso: RFC 2183 (Content-Disposition), RFC 2392 (Content-ID)
public struct MIMEAttachment: Sendable {
    public var filename: String?
    /// Lowercased "type/subtype".
    public var contentType: String
    public var size: Int
    /// Content-ID without angle brackets.
    public var contentID: String?
    public var disposition: String?
    /// Lowercase hex SHA-256 of `data`.
    public var sha256: String
    public var data: [UInt8]
    public var partPath: String
    /// True when an HTML body of the message refers to `contentID` with a `cid:` URL (RFC 2392).
    public var referencedFromHTML: Bool

    public init(filename: String?, contentType: String, size: Int, contentID: String?, disposition: String?,
                sha256: String, data: [UInt8], partPath: String, referencedFromHTML: Bool = false) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.contentID = contentID
        self.disposition = disposition
        self.sha256 = sha256
        self.data = data
        self.partPath = partPath
        self.referencedFromHTML = referencedFromHTML
    }
}

/// Hard limits that keep hostile input bounded. Exceeding one records a defect; the rest stays opaque.
public struct MIMEParserOptions: Sendable {
    public var maxDepth = 64
    public var maxParts = 10_000
    public var maxHeaders = 10_000
    public var maxLineLength = 1 << 20
    /// Headers and the part tree only: no transfer decoding of leaves, no charset conversion, no HTML → text.
    /// `text`, `html` and `attachments` stay empty; each part's `decodedSize` is its encoded size.
    public var structureOnly = false
    public init() {}
}
