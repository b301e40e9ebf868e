/// Hook-up of TNEF into the MIME parser: a `winmail.dat` part stays listed, and the files inside it
/// follow it as attachments of the message, numbered `<part>.tnef.1`, `<part>.tnef.2`, … (files of an
/// attached Outlook item continue as `<part>.tnef.1.1`, …).
/// - SeeAlso: MS-OXTNEF §2.1.3; RFC 2046 §4.5.1 (application/octet-stream and friends)
enum TNEFExpansion {
    struct Result {
        var attachments: [MIMEAttachment] = []
        /// attBody / PR_BODY, else PR_BODY_HTML converted to text.
        var body: String?
        var defects: [MIMEDefect] = []
    }

    /// `application/ms-tnef`, `application/vnd.ms-tnef`, or any part named `winmail.dat`.
    static func isTNEF(_ node: EntityNode) -> Bool {
        let type = node.contentType
        if type == "application/ms-tnef" || type == "application/vnd.ms-tnef" { return true }
        return node.part.filename.map { ASCII.lowercased(ASCII.trim($0)) == "winmail.dat" } ?? false
    }

    static func expand(_ node: EntityNode) -> Result {
        var result = Result()
        let path = node.part.path
        guard let msg = TNEFDecoder().decode(node.body) else {
            result.defects.append(MIMEDefect(code: "tnef.signature",
                                             detail: "TNEF part does not start with 0x223E9F78; kept opaque",
                                             part: path))
            return result
        }
        result.defects = msg.defects.map { MIMEDefect(code: $0.code, detail: $0.detail, part: path) }
        if let body = msg.body, !ASCII.trim(body).isEmpty {
            result.body = ASCII.normalizeNewlines(body)
        } else if let html = msg.html, !ASCII.trim(html).isEmpty {
            result.body = HTMLText.text(fromHTML: ASCII.normalizeNewlines(html))
        }
        append(msg.attachments, prefix: path + ".tnef", into: &result.attachments)
        return result
    }

    private static func append(_ list: [TNEFAttachment], prefix: String, into out: inout [MIMEAttachment]) {
        for (k, a) in list.enumerated() {
            let path = "\(prefix).\(k + 1)"
            out.append(MIMEAttachment(filename: a.filename, contentType: a.mimeType ?? contentType(a.filename),
                                      size: a.data.count, contentID: a.contentID, disposition: "attachment",
                                      sha256: MIMEParser.sha256Hex(a.data), data: a.data, partPath: path))
            if let inner = a.embeddedMessage { append(inner.attachments, prefix: path, into: &out) }
        }
    }

    private static let byExtension: [String: String] = [
        "txt": "text/plain", "log": "text/plain", "csv": "text/csv", "htm": "text/html", "html": "text/html",
        "pdf": "application/pdf", "zip": "application/zip", "xml": "application/xml", "rtf": "application/rtf",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp",
        "tif": "image/tiff", "tiff": "image/tiff", "ics": "text/calendar", "eml": "message/rfc822",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]

    /// A media type guessed from the file extension (TNEF rarely carries PR_ATTACH_MIME_TAG).
    static func contentType(_ filename: String?) -> String {
        guard let name = filename, let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[ASCII.lowercased(String(name[name.index(after: dot)...]))] ?? "application/octet-stream"
    }
}
