import CBLAS
import Foundation

/// Sentence embeddings as all-MiniLM-L6-v2 defines them: WordPiece tokens (at most 256 with `[CLS]` and
/// `[SEP]`), the 6-block BERT encoder, the mean of the last hidden states over all tokens, scaled to
/// unit length — so the dot product of two embeddings is their cosine (docs/knowledge-base.md#embeddings).
public struct SentenceEmbedder: Sendable {
    public let tokenizer: WordPieceTokenizer
    public let encoder: BertEncoder
    public let maxTokens: Int
    public var dimension: Int { encoder.weights.shape.hidden }

    public init(tokenizer: WordPieceTokenizer, encoder: BertEncoder, maxTokens: Int = 256) {
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.maxTokens = maxTokens
        // One thread per product: sentences are short, and the daemon does other work on the other cores.
        openblas_set_num_threads(1)
    }

    /// From the bytes of the model's `model.safetensors` and `tokenizer.json` (the caller reads the files).
    public init(safetensors: Data, tokenizerJSON: Data) throws {
        let weights = try BertWeights(SafeTensors(safetensors))
        let tokenizer = try WordPieceTokenizer(tokenizerJSON: tokenizerJSON)
        self.init(tokenizer: tokenizer, encoder: BertEncoder(weights: weights))
    }

    /// The unit-length embedding of `text` (`dimension` values).
    public func embed(_ text: String) -> [Float] {
        embed(ids: tokenizer.encode(text, maxLength: maxTokens))
    }

    public func embed(ids: [Int32]) -> [Float] {
        let h = dimension
        let states = encoder.hiddenStates(ids)
        let n = states.count / h
        var pooled = [Float](repeating: 0, count: h)
        for t in 0..<n {
            for i in 0..<h { pooled[i] += states[t * h + i] }
        }
        var norm: Float = 0
        for i in 0..<h {
            pooled[i] /= Float(max(n, 1))
            norm += pooled[i] * pooled[i]
        }
        let scale = norm > 0 ? 1 / norm.squareRoot() : 0
        return pooled.map { $0 * scale }
    }

    /// The cosine of two unit-length embeddings.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var dot: Float = 0
        for i in 0..<min(a.count, b.count) { dot += a[i] * b[i] }
        return dot
    }
}
