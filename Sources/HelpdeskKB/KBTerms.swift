import HelpdeskText

/// The terms the knowledge-base index stores and the queries it runs, from ``TextTokenizer``.
///
/// SQLite's FTS5 `unicode61` tokenizer does not split Han/kana (a whole run is one token), so the
/// index keeps two kinds of columns: word columns holding the tokenizer's folded words separated by
/// spaces, and a `cjk` column holding CJK character bigrams (a lone character as a unigram), also
/// separated by spaces. A query is tokenized the same way and becomes an FTS5 `OR` of quoted terms.
/// - SeeAlso: https://sqlite.org/fts5.html §3 (query syntax), §4.3.1 (unicode61)
public enum KBTerms {
    /// Folded words (no CJK, no long numbers) separated by spaces, for a word column.
    public static func words(_ text: String) -> String {
        wordList(text).joined(separator: " ")
    }

    public static func wordList(_ text: String) -> [String] {
        TextTokenizer.tokenize(text).compactMap { token in
            switch token.kind {
            case .word: token.text
            case .number: token.text == TextToken.longNumber ? nil : token.text
            case .url, .email: token.text
            case .cjk: nil
            }
        }
    }

    /// CJK bigrams (and unigrams of single-character runs) separated by spaces, for the `cjk` column.
    public static func cjkBigrams(_ text: String) -> String {
        cjkList(text).joined(separator: " ")
    }

    /// The tokenizer emits a run as `a ab b bc c`: keep the bigrams, and a unigram only when it is
    /// not part of any bigram (a one-character run).
    public static func cjkList(_ text: String) -> [String] {
        let tokens = TextTokenizer.tokenize(text)
        var out: [String] = []
        for (i, token) in tokens.enumerated() where token.kind == .cjk {
            if token.text.unicodeScalars.count == 2 {
                out.append(token.text)
            } else {
                let before = i > 0 && tokens[i - 1].kind == .cjk && tokens[i - 1].text.unicodeScalars.count == 2
                let after = i + 1 < tokens.count && tokens[i + 1].kind == .cjk && tokens[i + 1].text.unicodeScalars.count == 2
                if !before && !after { out.append(token.text) }
            }
        }
        return out
    }

    /// The distinct query terms used for matching and feature computation: words without stop words
    /// (all words when the query has only stop words), and CJK bigrams.
    public static func queryTerms(_ text: String) -> [String] {
        let words = wordList(text)
        let content = words.filter { !stopWords.contains($0) }
        var seen = Set<String>()
        return ((content.isEmpty ? words : content) + cjkList(text)).filter { seen.insert($0).inserted }
    }

    /// The FTS5 MATCH expression for `terms` (`"a" OR "b"`), or nil when there is nothing to match.
    /// Quoting makes every term a string, so no query text is read as FTS5 syntax.
    public static func matchExpression(_ terms: [String]) -> String? {
        let quoted = terms.prefix(64).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return quoted.isEmpty ? nil : quoted.joined(separator: " OR ")
    }

    /// The parts of a mail searched on their own besides the whole: the subject, then each sentence
    /// or line (split at line breaks and `.!?。！？`) with at least two query terms, at most `limit`.
    /// A customer's question is usually one sentence among greetings and context that an article's
    /// phrasings do not contain.
    public static func segments(subject: String, text: String, limit: Int = 12) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        func add(_ part: String) {
            let trimmed = part.trimmingCharacters()
            guard out.count < limit, queryTerms(trimmed).count >= 2, seen.insert(trimmed).inserted else { return }
            out.append(trimmed)
        }
        add(subject)
        var current = ""
        for ch in text {
            if ch.isNewline || "。！？!?".contains(ch) || (ch == "." && current.last.map { !$0.isNumber } ?? false) {
                add(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        add(current)
        return out
    }

    /// Content-free words of the supported languages (EN, DE, FR, ES) that every article would match.
    public static let stopWords: Set<String> = [
        "a", "an", "the", "i", "me", "my", "we", "our", "you", "your", "it", "its", "is", "are", "was", "be",
        "been", "am", "do", "does", "did", "to", "of", "in", "on", "at", "for", "with", "and", "or", "but",
        "can", "could", "would", "will", "should", "shall", "may", "might", "must", "have", "has", "had",
        "this", "that", "these", "those", "there", "here", "what", "how", "where", "when", "which", "who",
        "please", "pls", "hi", "hello", "hey", "thanks", "thank", "want", "wanna", "need", "like", "know",
        "help", "some", "any", "so", "if", "im", "ive", "id", "dont", "not", "no", "from", "about", "just",
        "get", "got", "would", "tell", "let", "see", "one", "up", "out", "by", "as", "us", "them", "they",
        "der", "die", "das", "und", "ich", "ist", "ein", "eine", "mein", "meine", "wie", "kann", "nicht",
        "le", "la", "les", "un", "une", "de", "des", "et", "je", "mon", "ma", "mes", "est", "pour", "comment",
        "el", "los", "las", "y", "yo", "mi", "mis", "es", "para", "como", "que", "por", "con",
    ]
}
