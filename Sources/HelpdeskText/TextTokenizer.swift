import Foundation

/// Splits text into folded terms for the classifier and the knowledge-base index.
///
/// - Words follow a simplified UAX #29 word boundary (letters, marks and digits; `'` inside a word is
///   dropped), folded to lowercase without diacritics (`Café` → `cafe`), full-width ASCII narrowed.
/// - A digit run of `TextToken.longNumberDigits` or more digits (order and tracking ids) is `<num>`.
/// - URLs (`scheme://…`, `www.…`) and e-mail addresses (RFC 5322 `addr-spec`, ASCII) are one term each.
/// - Han, kana and Hangul have no word spaces: each run gives character unigrams and bigrams, no
///   dictionary (`退款申请` → `退 退款 款 款申 申 申请 请`). Mixed-script text switches per scalar.
///
/// Works on Unicode scalars; Foundation is only used to fold non-ASCII words.
public enum TextTokenizer {
    public static func tokenize(_ text: String) -> [TextToken] {
        var tokens: [TextToken] = []
        tokens.reserveCapacity(text.utf8.count / 5 + 4)
        let scalars = Array(text.unicodeScalars.lazy.map(ScalarClass.narrowed))
        var start = 0
        while start < scalars.count {
            while start < scalars.count, ScalarClass.of(scalars[start]) == .space { start += 1 }
            var end = start
            while end < scalars.count, ScalarClass.of(scalars[end]) != .space { end += 1 }
            if start < end { chunk(scalars[start..<end], into: &tokens) }
            start = end
        }
        return tokens
    }

    /// The features a model sees: `TextToken.feature` of each token.
    public static func features(_ text: String) -> [String] {
        tokenize(text).map(\.feature)
    }

    /// One whitespace-delimited chunk: a URL or address inside it is cut out, the rest segmented.
    static func chunk(_ chunk: ArraySlice<Unicode.Scalar>, into tokens: inout [TextToken]) {
        if let url = LinkScanner.url(in: chunk) {
            segment(chunk[chunk.startIndex..<url.lowerBound], into: &tokens)
            tokens.append(TextToken(asciiLowercased(chunk[url]), .url))
            segment(chunk[url.upperBound..<chunk.endIndex], into: &tokens)
        } else if let address = LinkScanner.address(in: chunk) {
            segment(chunk[chunk.startIndex..<address.lowerBound], into: &tokens)
            tokens.append(TextToken(asciiLowercased(chunk[address]), .email))
            Self.chunk(chunk[address.upperBound..<chunk.endIndex], into: &tokens)
        } else {
            segment(chunk, into: &tokens)
        }
    }

    /// Words, numbers and CJK runs of a chunk without links.
    static func segment(_ scalars: ArraySlice<Unicode.Scalar>, into tokens: inout [TextToken]) {
        var word = String.UnicodeScalarView()
        var digits = 0, letters = 0, ascii = true
        var cjk: [Unicode.Scalar] = []
        func flushWord() {
            if letters + digits > 0, word.count <= 64 { tokens.append(wordToken(word, digits: digits, letters: letters, ascii: ascii)) }
            word = String.UnicodeScalarView()
            digits = 0; letters = 0; ascii = true
        }
        func flushCJK() {
            guard !cjk.isEmpty else { return }
            for i in cjk.indices {
                tokens.append(TextToken(String(Character(cjk[i])), .cjk))
                if i + 1 < cjk.count {
                    var pair = String.UnicodeScalarView()
                    pair.append(cjk[i]); pair.append(cjk[i + 1])
                    tokens.append(TextToken(String(pair), .cjk))
                }
            }
            cjk.removeAll(keepingCapacity: true)
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            switch ScalarClass.of(scalar) {
            case .cjk:
                flushWord()
                cjk.append(scalar)
            case .letter:
                flushCJK()
                if scalar.value < 0x80 {
                    word.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar)
                } else {
                    word.append(scalar); ascii = false
                }
                letters += 1
            case .digit:
                flushCJK()
                word.append(scalar); digits += 1
                if scalar.value >= 0x80 { ascii = false }
            case .mark where letters + digits > 0:
                word.append(scalar); ascii = false
            case .apostrophe where letters > 0 && i + 1 < scalars.endIndex && ScalarClass.of(scalars[i + 1]) == .letter:
                break
            case .other where digits > 0 && letters == 0 && (scalar == "." || scalar == ",")
                && i + 1 < scalars.endIndex && ScalarClass.of(scalars[i + 1]) == .digit:
                if scalar == "." { word.append(scalar) }
            default:
                flushWord(); flushCJK()
            }
            i += 1
        }
        flushWord(); flushCJK()
    }

    static func wordToken(_ word: String.UnicodeScalarView, digits: Int, letters: Int, ascii: Bool) -> TextToken {
        if digits >= TextToken.longNumberDigits { return TextToken(TextToken.longNumber, .number) }
        let text = ascii ? String(word) : fold(String(word))
        return TextToken(text, letters == 0 ? .number : .word)
    }

    /// Case and diacritic folding of a non-ASCII word (`Straße` → `strasse`, `Ñandú` → `nandu`).
    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    static func asciiLowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        for s in scalars {
            view.append(s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(s.value + 32)! : s)
        }
        return String(view)
    }
}
