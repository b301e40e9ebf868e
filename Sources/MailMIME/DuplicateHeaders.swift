/// Finds fields that may occur at most once but occur more often. The first occurrence is used
/// everywhere in the parser; the repetition is recorded as a `header.duplicate` defect.
/// - SeeAlso: RFC 5322 §3.6 (occurrence limits), RFC 2045 §3–§7 and RFC 2183 §2 (MIME fields)
enum DuplicateHeaders {
    static let messageSingletons = ["Date", "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Message-ID",
                                    "In-Reply-To", "References", "Subject"]
    static let entitySingletons = ["MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-ID",
                                   "Content-Disposition", "Content-Description"]

    /// Defects for repeated singleton fields; `message` adds the RFC 5322 message fields.
    static func defects(_ fields: [HeaderField], message: Bool, part: String?) -> [MIMEDefect] {
        guard fields.count > 1 else { return [] }
        var out: [MIMEDefect] = []
        for name in (message ? messageSingletons : []) + entitySingletons {
            let n = fields.all(named: name).count
            if n > 1 {
                out.append(MIMEDefect(code: "header.duplicate", detail: "\(name) occurs \(n) times; the first is used",
                                      part: part))
            }
        }
        return out
    }
}
