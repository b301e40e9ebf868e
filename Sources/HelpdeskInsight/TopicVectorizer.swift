import Foundation
import HelpdeskText

/// TF-IDF over an exact vocabulary (not hashed, so clusters can be named by their terms), built on
/// ``TextTokenizer``: folded words, and for Han/kana/Hangul the character unigrams and bigrams.
/// Weights follow Manning, Raghavan & Schütze, "Introduction to Information Retrieval", sections
/// 6.2–6.4: sublinear TF `1 + ln tf`, smoothed IDF `ln((1 + n) / (1 + df)) + 1`, L2-normalised.
/// Function words (a short English list, common CJK particles), numbers, links and addresses are
/// left out; English words are reduced to a light stem (`-s`, `-ies`, `-ed`, `-ing`, a final `-e` and a
/// doubled final consonant: `shipped`, `shipping` → `ship`), and each stem is shown as the surface form
/// seen most often (`delayed`).
public struct TopicVectorizer: Sendable {
    /// Stems, sorted; position = vector index.
    public private(set) var terms: [String]
    /// The surface form to show for each stem.
    public private(set) var display: [String]
    var index: [String: Int]
    var idf: [Double]

    /// Fits the vocabulary on `documents`; terms found in fewer than `minDocuments` documents are
    /// dropped (they cannot make two tickets alike), unless that would leave nothing.
    public init(documents: [String], minDocuments: Int = 2) {
        var df: [String: Int] = [:]
        var surfaces: [String: [String: Int]] = [:]
        for document in documents {
            let pairs = Self.stemmedTerms(document)
            for (stem, surface) in pairs { surfaces[stem, default: [:]][surface, default: 0] += 1 }
            for stem in Set(pairs.map(\.stem)) { df[stem, default: 0] += 1 }
        }
        var kept = df.filter { $0.value >= minDocuments }
        if kept.isEmpty { kept = df }
        terms = kept.keys.sorted()
        display = terms.map { stem in
            surfaces[stem]!.max { a, b in a.value != b.value ? a.value < b.value : (a.key.count, a.key) > (b.key.count, b.key) }!.key
        }
        index = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
        let n = Double(documents.count)
        idf = terms.map { log((1 + n) / (1 + Double(kept[$0]!))) + 1 }
    }

    public var dimension: Int { terms.count }

    /// The L2-normalised TF-IDF vector of `text` over this vocabulary (empty if no term is known).
    public func vector(_ text: String) -> TopicVector {
        var tf: [Int: Int] = [:]
        for term in Self.terms(text) { if let i = index[term] { tf[i, default: 0] += 1 } }
        var entries = tf.map { (index: $0.key, value: (1 + log(Double($0.value))) * idf[$0.key]) }
        entries.sort { $0.index < $1.index }
        let norm = entries.reduce(0) { $0 + $1.value * $1.value }.squareRoot()
        guard norm > 0 else { return TopicVector() }
        return TopicVector(indices: entries.map(\.index), values: entries.map { $0.value / norm })
    }

    /// The terms (stems) of a text, in order, with repeats.
    public static func terms(_ text: String) -> [String] {
        stemmedTerms(text).map(\.stem)
    }

    static func stemmedTerms(_ text: String) -> [(stem: String, surface: String)] {
        TextTokenizer.tokenize(text).compactMap { token in
            switch token.kind {
            case .word:
                let word = token.text
                guard word.count >= 2, !stopWords.contains(word), word.contains(where: \.isLetter) else { return nil }
                return (stem(word), word)
            case .cjk:
                // A unigram or bigram made only of grammar characters says nothing about the topic.
                return token.text.unicodeScalars.allSatisfy { cjkStop.contains($0) } ? nil : (token.text, token.text)
            case .number, .url, .email:
                return nil
            }
        }
    }

    /// A light English stem of a lowercase ASCII word; other words are kept as they are.
    static func stem(_ word: String) -> String {
        guard word.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isLowercase }) else { return word }
        var w = Array(word)
        func ends(_ suffix: String, minimum: Int) -> Bool { w.count >= minimum && w.suffix(suffix.count) == Array(suffix)[...] }
        if ends("ies", minimum: 5) { w.removeLast(3); w.append("y") }
        else if ends("s", minimum: 4), !ends("ss", minimum: 2), !ends("us", minimum: 2), !ends("is", minimum: 2) { w.removeLast() }
        var stripped = false
        if ends("ing", minimum: 6) { w.removeLast(3); stripped = true }
        else if ends("ed", minimum: 5) { w.removeLast(2); stripped = true }
        if stripped, w.count >= 3, w[w.count - 1] == w[w.count - 2], !"lsz".contains(w[w.count - 1]), !"aeiou".contains(w[w.count - 1]) {
            w.removeLast()
        }
        if w.count >= 5, w.last == "e" { w.removeLast() }
        return String(w)
    }

    static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "but", "by", "can", "cannot", "could", "did", "do", "does", "dont", "for", "from", "get", "got", "had",
        "has", "have", "hello", "hi", "how", "i", "if", "im", "in", "into", "is", "it", "its", "ive", "just",
        "me", "my", "no", "not", "now", "of", "on", "or", "our", "please", "regards", "so", "still", "than",
        "thank", "thanks", "that", "the", "their", "them", "then", "there", "this", "to", "up", "us", "was",
        "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "yet", "you",
        "your", "dear", "best", "kind", "team", "support", "help", "need", "want", "know", "let", "also",
        "show", "see", "sent", "sincerely", "hallo", "guten", "tag", "danke", "fur", "gruss", "grusse",
        "freundlichen", "der", "die", "das", "und", "ich", "ist", "nicht", "mit", "bitte", "ein", "eine", "mein",
        "meine", "sie", "wir", "es", "zu", "von", "auf", "den", "dem",
    ]

    /// Han/kana characters that carry grammar rather than topic.
    static let cjkStop: Set<Unicode.Scalar> = Set("的了我你他她它是在有吗呢吧啊请不这那们一个和就都也要会能可以对没到说好您谢无の、。はがをにでとも".unicodeScalars)
}

/// A sparse, L2-normalised vector: indices ascending.
public struct TopicVector: Sendable, Equatable {
    public var indices: [Int] = []
    public var values: [Double] = []

    public var isEmpty: Bool { indices.isEmpty }

    /// Cosine similarity of two normalised sparse vectors.
    public func dot(_ other: TopicVector) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < indices.count, j < other.indices.count {
            if indices[i] == other.indices[j] { sum += values[i] * other.values[j]; i += 1; j += 1 }
            else if indices[i] < other.indices[j] { i += 1 } else { j += 1 }
        }
        return sum
    }

    /// Similarity with a dense centroid.
    public func dot(_ dense: [Double]) -> Double {
        var sum = 0.0
        for (i, v) in zip(indices, values) { sum += v * dense[i] }
        return sum
    }
}
