import Foundation
import HelpdeskText

/// TF-IDF over an exact vocabulary (not hashed, so clusters can be named by their terms), built on
/// ``TextTokenizer``: folded words, and for Han/kana/Hangul the character unigrams and bigrams.
/// Weights follow Manning, Raghavan & Schütze, "Introduction to Information Retrieval", sections
/// 6.2–6.4: sublinear TF `1 + ln tf`, smoothed IDF `ln((1 + n) / (1 + df)) + 1`, L2-normalised.
/// Function words (a short English list, common CJK particles), numbers, links and addresses are
/// left out; a plural `-s` is folded (`invoices` → `invoice`).
public struct TopicVectorizer: Sendable {
    public private(set) var terms: [String]
    var index: [String: Int]
    var idf: [Double]

    /// Fits the vocabulary on `documents`; terms found in fewer than `minDocuments` documents are
    /// dropped (they cannot make two tickets alike), unless that would leave nothing.
    public init(documents: [String], minDocuments: Int = 2) {
        let bags = documents.map(Self.terms)
        var df: [String: Int] = [:]
        for bag in bags { for term in Set(bag) { df[term, default: 0] += 1 } }
        var kept = df.filter { $0.value >= minDocuments }
        if kept.isEmpty { kept = df }
        terms = kept.keys.sorted()
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

    /// The terms of a text, in order, with repeats.
    public static func terms(_ text: String) -> [String] {
        TextTokenizer.tokenize(text).compactMap { token in
            switch token.kind {
            case .word:
                let word = token.text
                guard word.count >= 2, !stopWords.contains(word), word.contains(where: \.isLetter) else { return nil }
                return folded(word)
            case .cjk:
                // A unigram or bigram made only of grammar characters says nothing about the topic.
                return token.text.unicodeScalars.allSatisfy { cjkStop.contains($0) } ? nil : token.text
            case .number, .url, .email:
                return nil
            }
        }
    }

    static func folded(_ word: String) -> String {
        guard word.count >= 4, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is")
        else { return word }
        return String(word.dropLast())
    }

    static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "but", "by", "can", "cannot", "could", "did", "do", "does", "dont", "for", "from", "get", "got", "had",
        "has", "have", "hello", "hi", "how", "i", "if", "im", "in", "into", "is", "it", "its", "ive", "just",
        "me", "my", "no", "not", "now", "of", "on", "or", "our", "please", "regards", "so", "still", "than",
        "thank", "thanks", "that", "the", "their", "them", "then", "there", "this", "to", "up", "us", "was",
        "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "yet", "you",
        "your", "dear", "best", "kind", "team", "support", "help", "need", "want", "know", "let", "also",
        "der", "die", "das", "und", "ich", "ist", "nicht", "mit", "bitte",
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
