/// Internal parse tree node: a `MIMEPart` plus its decoded body bytes.
struct EntityNode {
    var part: MIMEPart
    /// Transfer-decoded body of a leaf (the raw embedded message for message/rfc822).
    var body: [UInt8] = []
    var children: [EntityNode] = []
    var contentID: String?

    var contentType: String { part.contentType }
    var isMultipart: Bool { part.contentType.hasPrefix("multipart/") }
    var isMessage: Bool { part.contentType == "message/rfc822" || part.contentType == "message/global" }

    /// File-like: disposition attachment, a filename, or a leaf that is not plain text or HTML.
    /// - SeeAlso: RFC 2183 §2.1–2.3
    var isAttachment: Bool {
        if isMultipart { return false }
        if part.disposition == "attachment" || part.filename != nil { return true }
        return contentType != "text/plain" && contentType != "text/html"
    }

    /// An explicitly inline text/plain part: shown as message text even with a filename (which also
    /// lists it as an attachment). RFC 2183 §2.1: inline parts are displayed with the message.
    var isInlineText: Bool { contentType == "text/plain" && part.disposition == "inline" }

    /// The public tree.
    func publicPart() -> MIMEPart {
        var p = part
        p.children = children.map { $0.publicPart() }
        return p
    }

    /// In order: all leaves and embedded messages (not descending into embedded messages).
    func attachmentNodes() -> [EntityNode] {
        if isMultipart { return children.flatMap { $0.attachmentNodes() } }
        return isAttachment ? [self] : []
    }

    /// The preferred text/plain and text/html body nodes.
    /// - SeeAlso: RFC 2046 §5.1.4 (alternative: last is richest, so plain is taken from the first
    ///   child that has one and HTML from the last)
    func bodyNodes() -> (plain: EntityNode?, html: EntityNode?) {
        if isMultipart {
            let found = children.map { $0.bodyNodes() }
            if contentType == "multipart/alternative" {
                return (found.first { $0.plain != nil }?.plain, found.last { $0.html != nil }?.html)
            }
            return (found.first { $0.plain != nil }?.plain, found.first { $0.html != nil }?.html)
        }
        if isAttachment && !isInlineText { return (nil, nil) }
        if contentType == "text/plain" { return (self, nil) }
        if contentType == "text/html" { return (nil, self) }
        return (nil, nil)
    }
}
