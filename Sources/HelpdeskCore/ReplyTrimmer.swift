import MailMIME

/// Finds the new part of an inbound reply. HTML first: client fingerprints (Gmail `gmail_quote`,
/// Outlook `divRplyFwdMsg`, Apple/Thunderbird `blockquote type=cite`, Yahoo, Zimbra …) are removed in
/// the DOM and the rest is rendered as text, then the plain-text rules tidy up what is left. Without
/// a fingerprint, the text/plain body (or the rendered HTML) goes through the plain-text rules.
/// - SeeAlso: RFC 3676 §4.5 (quoting), RFC 2046 §5.1.4 (multipart/alternative), docs/design.md#reply-trimming
public struct ReplyTrimmer: Sendable {
    private let plain = PlainTextReplyTrimmer()

    public init() {}

    public func trim(text: String, html: String?) -> TrimResult {
        if let html, !ReplyText.isBlank(Substring(html)) {
            let stripped = HTMLQuoteStripper.strip(html: html)
            if let htmlMarker = stripped.marker, !ReplyText.isBlank(Substring(stripped.text)) {
                var result = plain.trim(stripped.text)
                result.marker = htmlMarker
                result.totalLines = ReplyText.lines(stripped.fullText).count
                return result
            }
            if ReplyText.isBlank(Substring(text)) {
                return plain.trim(stripped.fullText)
            }
        }
        return plain.trim(text)
    }
}
