/// A problem found while parsing. Parsing never fails: defects are recorded and a best effort is made.
/// - SeeAlso: RFC 2045 §2 (conformance), RFC 5322 §4 (obsolete syntax to accept)
public struct MIMEDefect: Sendable, Hashable, Codable {
    /// A stable machine-readable code such as `header.malformed-line`.
    public var code: String
    /// Human-readable detail.
    public var detail: String
    /// Part path ("1.2"), or nil for the top-level message.
    public var part: String?

    public init(code: String, detail: String, part: String? = nil) {
        self.code = code
        self.detail = detail
        self.part = part
    }
}
