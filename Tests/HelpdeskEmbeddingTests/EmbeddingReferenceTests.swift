import Foundation
import HelpdeskEmbedding
import Testing

/// all-MiniLM-L6-v2 in Swift against the reference run recorded by `bench/embedding-reference.py`
/// (sentence-transformers on PyTorch): the same token ids, and embeddings within 1e-4 cosine.
/// The model is installed by `scripts/install-model.sh` (`make test` runs it); a missing model fails
/// with the path it expected.
@Suite struct EmbeddingReferenceTests {
    struct Reference: Decodable {
        struct Sentence: Decodable { var text: String; var ids: [Int32]; var vector: [Float] }
        var sentences: [Sentence]
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let modelDirectory = ProcessInfo.processInfo.environment["MAILDESK_EMBEDDING_MODEL"]
        ?? "/usr/local/share/maildesk/models/all-MiniLM-L6-v2"

    static func reference() throws -> Reference {
        let path = repository.appendingPathComponent("fixtures/embeddings/reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: path))
    }

    static func file(_ name: String) throws -> Data {
        let path = modelDirectory + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelMissing(description: "model file missing: \(path) (run scripts/install-model.sh)")
        }
        return data
    }

    struct ModelMissing: Error, CustomStringConvertible { var description: String }

    static let embedder: Result<SentenceEmbedder, any Error> = Result {
        try SentenceEmbedder(safetensors: file("model.safetensors"), tokenizerJSON: file("tokenizer.json"))
    }

    @Test func tokenIdsMatchTheReferenceTokenizer() throws {
        let tokenizer = try Self.embedder.get().tokenizer
        let reference = try Self.reference()
        #expect(reference.sentences.count == 16)
        for sentence in reference.sentences {
            #expect(tokenizer.encode(sentence.text, maxLength: 256) == sentence.ids, "\(sentence.text)")
        }
    }

    @Test func embeddingsMatchTheReferenceWithin1e4Cosine() throws {
        let embedder = try Self.embedder.get()
        for sentence in try Self.reference().sentences {
            let vector = embedder.embed(sentence.text)
            #expect(vector.count == 384)
            let cosine = SentenceEmbedder.cosine(vector, sentence.vector)
            #expect(cosine >= 1 - 1e-4, "\(sentence.text): cosine \(cosine)")
            let worst = zip(vector, sentence.vector).map { abs($0 - $1) }.max() ?? 1
            #expect(worst < 1e-3, "\(sentence.text): largest difference \(worst)")
        }
    }

    /// The meaning is there: a paraphrase is nearer than an unrelated question.
    @Test func paraphrasesAreNearerThanUnrelatedQuestions() throws {
        let embedder = try Self.embedder.get()
        let question = embedder.embed("How do I reset my password?")
        let paraphrase = embedder.embed("I forgot my login password, how can I get a new one")
        let unrelated = embedder.embed("When will my parcel be delivered?")
        #expect(SentenceEmbedder.cosine(question, paraphrase) > SentenceEmbedder.cosine(question, unrelated) + 0.2)
    }
}
