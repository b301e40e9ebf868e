/// The new part of a reply, and what cut it off from the quoted history.
/// - SeeAlso: docs/design.md#reply-trimming, RFC 3676 §4.5 (quoted text)
public struct TrimResult: Sendable, Equatable {
    /// The new part; never empty when the input had non-whitespace text (then the whole text).
    public var text: String
    /// What cut it: "gmail_quote", "divRplyFwdMsg", "blockquote[type=cite]", "on-wrote:de",
    /// "original-message", "quote-prefix", "signature" …; nil when nothing was trimmed.
    public var marker: String?
    public var keptLines: Int
    public var totalLines: Int

    public init(text: String, marker: String?, keptLines: Int, totalLines: Int) {
        self.text = text
        self.marker = marker
        self.keptLines = keptLines
        self.totalLines = totalLines
    }
}
