/// One SMTP reply: the three-digit code and the text of all its lines (joined by "\n").
/// - SeeAlso: RFC 5321 §4.2
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var text: String

    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }

    /// The reply as the server sent it, one "code text" line per line.
    public var lines: String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(code) \($0)" }.joined(separator: "\n")
    }
}
