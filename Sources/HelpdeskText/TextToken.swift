/// One term of a text, as the tokenizer emits it: folded (lowercase, no diacritics) and typed.
///
/// Shared by the classifier and the knowledge-base index: both see the same terms for the same text.
public struct TextToken: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Sendable {
        /// A word of a space-separated script (Latin, Cyrillic, Greek, Arabic, …), folded.
        case word
        /// A number: short ones as written (`404`, `3.5`), long digit runs (order ids) as `<num>`.
        case number
        /// A URL (`https://…`, `www.…`) as one term, folded.
        case url
        /// An e-mail address as one term, folded.
        case email
        /// One Han/kana/Hangul character (a unigram) or two adjacent ones (a bigram).
        case cjk
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }

    public var description: String { text }

    /// The term a statistical model should see: URLs and addresses collapse to one placeholder each,
    /// so `https://shop.example/orders/1` and `https://shop.example/cart` count as the same cue.
    public var feature: String {
        switch kind {
        case .url: return "<url>"
        case .email: return "<email>"
        default: return text
        }
    }

    /// Digit runs of at least this many digits become `<num>` (order, invoice and tracking numbers).
    public static let longNumberDigits = 5
    public static let longNumber = "<num>"
}
