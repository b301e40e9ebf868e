import Foundation

/// WordPiece over the vocabulary of a `tokenizer.json` (the Hugging Face tokenizer file the model
/// ships): each word becomes the longest vocabulary prefix, then `##`-prefixed continuations; a word
/// that cannot be covered, or is longer than 100 characters, becomes `[UNK]`. A sentence is
/// `[CLS] pieces [SEP]`, cut to `maxLength` tokens.
public struct WordPieceTokenizer: Sendable {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case badFile(String)
        public var description: String {
            switch self { case let .badFile(why): "tokenizer.json is not a WordPiece tokenizer: \(why)" }
        }
    }

    let vocabulary: [String: Int32]
    public let unknown: Int32
    public let classify: Int32
    public let separator: Int32
    let prefix = "##"
    let maxWordCharacters = 100

    public init(tokenizerJSON: Data) throws(Failure) {
        guard let root = try? JSONSerialization.jsonObject(with: tokenizerJSON) as? [String: Any],
              let model = root["model"] as? [String: Any] else { throw .badFile("no model object") }
        guard (model["type"] as? String) == "WordPiece" else { throw .badFile("model type is not WordPiece") }
        guard let vocab = model["vocab"] as? [String: Int] else { throw .badFile("no vocabulary") }
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(vocab.count)
        for (piece, id) in vocab { vocabulary[piece] = Int32(id) }
        guard let unknown = vocabulary["[UNK]"], let classify = vocabulary["[CLS]"], let separator = vocabulary["[SEP]"] else {
            throw .badFile("[UNK], [CLS] or [SEP] missing from the vocabulary")
        }
        self.init(vocabulary: vocabulary, unknown: unknown, classify: classify, separator: separator)
    }

    init(vocabulary: [String: Int32], unknown: Int32, classify: Int32, separator: Int32) {
        self.vocabulary = vocabulary
        self.unknown = unknown
        self.classify = classify
        self.separator = separator
    }

    /// Token ids of one sentence with `[CLS]` and `[SEP]`, at most `maxLength` in all.
    public func encode(_ text: String, maxLength: Int = 256) -> [Int32] {
        var ids: [Int32] = [classify]
        let limit = max(2, maxLength) - 1
        for word in BertPreTokenizer.words(text) {
            for id in pieces(word) {
                guard ids.count < limit else { break }
                ids.append(id)
            }
            if ids.count >= limit { break }
        }
        ids.append(separator)
        return ids
    }

    /// Greedy longest-match-first pieces of one word.
    func pieces(_ word: String) -> [Int32] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count <= maxWordCharacters else { return [unknown] }
        var ids: [Int32] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int32?
            while start < end {
                var piece = String(String.UnicodeScalarView(scalars[start..<end]))
                if start > 0 { piece = prefix + piece }
                if let id = vocabulary[piece] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else { return [unknown] }
            ids.append(found)
            start = end
        }
        return ids
    }
}
