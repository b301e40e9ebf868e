import Foundation
@testable import HelpdeskEmbedding
import Testing

/// BERT text preparation and WordPiece on a small vocabulary (no model needed).
@Suite struct WordPieceTests {
    static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "hello", "world", "!", ",",
                             "cafe", "退", "款", "re", "##set"]
    let tokenizer = WordPieceTokenizer(
        vocabulary: Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Int32($0)) }),
        unknown: 1, classify: 2, separator: 3)

    @Test(arguments: [
        ("Hello, World!", ["hello", ",", "world", "!"]),
        ("Café\tnaïve", ["cafe", "naive"]),
        ("退款OK", ["退", "款", "ok"]),
        ("a\u{0}b\u{7}c", ["abc"]),
        ("  ", []),
        ("x$y", ["x", "$", "y"]),
    ])
    func preTokenizes(_ text: String, _ words: [String]) {
        #expect(BertPreTokenizer.words(text) == words)
    }

    @Test func piecesAreLongestMatchFirstAndUnknownWhole() {
        #expect(tokenizer.pieces("unaffable") == [4, 5, 6])
        #expect(tokenizer.pieces("reset") == [14, 15])
        #expect(tokenizer.pieces("unxable") == [1])
        #expect(tokenizer.pieces(String(repeating: "a", count: 101)) == [1])
    }

    @Test func sentencesAreFramedAndCut() {
        #expect(tokenizer.encode("Hello world!") == [2, 7, 8, 9, 3])
        #expect(tokenizer.encode("hello hello hello hello", maxLength: 4) == [2, 7, 7, 3])
        #expect(tokenizer.encode("") == [2, 3])
    }
}
