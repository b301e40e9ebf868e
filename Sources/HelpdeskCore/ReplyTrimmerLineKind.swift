/// What one line of a plain-text reply is, for the trimming rules in `PlainTextReplyTrimmer`.
/// - SeeAlso: RFC 3676 §4.3 (signature separator), RFC 3676 §4.5 (quote marks)
enum ReplyLineKind: Sendable, Equatable {
    case empty
    /// A separator line (`--`, `____`, `***` …).
    case separator
    /// A one-line mobile signature ("Sent from my iPhone").
    case mobileSignature
    /// (Part of) an "On … wrote:" attribution; the payload is its language code.
    case attribution(String)
    /// `-----Original Message-----` or a forwarded-message banner.
    case originalMessage(ReplyOriginalMessageMatcher.Kind)
    /// A copied header line (From:/Sent:/To:/Subject: …).
    case header
    /// A quoted line (`>` or a supercite `Name>` prefix).
    case quote
    case text

    var isBoundary: Bool {
        switch self {
        case .attribution, .originalMessage: return true
        default: return false
        }
    }
}
