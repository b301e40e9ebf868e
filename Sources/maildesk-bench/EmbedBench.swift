import ArgumentParser
import Foundation
import HelpdeskEmbedding
import HelpdeskText

/// `maildesk-bench embed [--model DIR] [--sentences N]`: loads all-MiniLM-L6-v2 and times one embedding
/// per sentence (tokenize, 6 encoder blocks on one OpenBLAS thread, pooling) for the first N Bitext
/// test utterances (short questions, as a new ticket's question or a KB article's example), and the
/// same sentences cut to at most 32 tokens (docs/benchmarks.md#sentence-embeddings).
struct EmbedBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "embed", abstract: "Sentence-embedding latency.")
    @Option(help: "Model directory (model.safetensors, tokenizer.json).")
    var model = "/usr/local/share/maildesk/models/all-MiniLM-L6-v2"
    @Option(help: "Sentences to embed.") var sentences = 500
    @Option(help: "CSV whose first column holds the sentences.")
    var csv = "fixtures/corpus/intents/bitext/Bitext_Sample_Customer_Service_Testing_Dataset.csv"

    struct Figures: Encodable {
        var sentences: Int
        var load_seconds: Double
        var mean_tokens: Double
        var p50_ms: Double
        var p99_ms: Double
        var sentences_per_s: Double
        var max32_p50_ms: Double
        var max32_p99_ms: Double
    }

    func run() async throws {
        let clock = ContinuousClock()
        var embedder: SentenceEmbedder?
        let load = try clock.measure {
            embedder = try SentenceEmbedder(safetensors: Data(contentsOf: URL(fileURLWithPath: model + "/model.safetensors")),
                                            tokenizerJSON: Data(contentsOf: URL(fileURLWithPath: model + "/tokenizer.json")))
        }
        let texts = try Self.firstColumn(csv).prefix(sentences)
        let idLists = texts.map { embedder!.tokenizer.encode($0) }
        func time(_ lists: [[Int32]]) -> (p50: Double, p99: Double, total: Double) {
            var latencies: [Double] = []
            var sink: Float = 0
            let total = clock.measure {
                for ids in lists {
                    let start = clock.now
                    sink += embedder!.embed(ids: ids)[0]
                    latencies.append((clock.now - start).milliseconds)
                }
            }
            if sink.isNaN { print(sink) }
            latencies.sort()
            func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            return (percentile(0.5), percentile(0.99), total.milliseconds / 1000)
        }
        let full = time(idLists)
        let short = time(idLists.map { $0.count <= 32 ? $0 : Array($0.prefix(31)) + [embedder!.tokenizer.separator] })
        try BenchOutput.print(Figures(
            sentences: idLists.count, load_seconds: load.milliseconds / 1000,
            mean_tokens: Double(idLists.reduce(0) { $0 + $1.count }) / Double(max(idLists.count, 1)),
            p50_ms: full.p50, p99_ms: full.p99, sentences_per_s: Double(idLists.count) / full.total,
            max32_p50_ms: short.p50, max32_p99_ms: short.p99))
    }

    /// The first column of each data row (HelpdeskText's RFC 4180 reader).
    static func firstColumn(_ path: String) throws -> [String] {
        try CSVTable(parsing: Array(Data(contentsOf: URL(fileURLWithPath: path)))).rows.compactMap(\.first)
    }
}
