import Foundation

/// Bounds on what mail we write quotes from a customer's mail, so that a stranger's 10 MB subject, name
/// or text is not echoed back at them or multiplied to every agent (docs/design.md#loop-safety).
/// Lengths count Unicode scalars: a grapheme of a million combining marks is a million, not one.
public enum QuoteLimit {
    /// Subjects and names in subjects, bodies and address headers.
    public static let subjectScalars = 200
    /// The customer's text quoted in a notification (64 Ki).
    public static let textScalars = 65_536
    /// Any other value filled into a template.
    public static let valueScalars = 4_096
    /// The longest Message-ID we repeat in In-Reply-To/References: with its brackets and the folding
    /// white space it fits one line (RFC 5322 §2.1.1: 998 octets).
    public static let messageIDOctets = 900

    /// `text` in at most `subjectScalars` scalars, ending in "…" when cut.
    public static func subject(_ text: String) -> String {
        clipped(text, to: subjectScalars)
    }

    /// `text` in at most `limit` scalars, ending in "…" when cut; cut between characters where one fits.
    public static func clipped(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        return prefix(text, scalars: limit - 1) + "…"
    }

    /// The customer's text for a notification: the first `limit` scalars and a line saying how much
    /// more the ticket holds.
    public static func text(_ text: String, ticketID: Int64, limit: Int = textScalars) -> String {
        let total = text.unicodeScalars.count
        guard total > limit else { return text }
        let kept = prefix(text, scalars: limit)
        return kept + "\n\n(\(total - kept.unicodeScalars.count) more characters in `maildesk tickets show \(ticketID)`)"
    }

    /// Whether a Message-ID is short enough to repeat.
    public static func isRepeatable(messageID: String) -> Bool {
        messageID.utf8.count <= messageIDOctets
    }

    /// Whole characters while they fit in `scalars`; scalars of the first character if none fits.
    static func prefix(_ text: String, scalars: Int) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for character in text {
            let next = character.unicodeScalars
            let size = next.count
            guard count + size <= scalars else {
                if count == 0 { out.append(contentsOf: next.prefix(scalars)) }
                break
            }
            out.append(contentsOf: next)
            count += size
        }
        return String(out)
    }
}
