import ArgumentParser
import Foundation
import HelpdeskText

/// `maildesk-bench classify [--train F] [--test F] [--label-column L] [--rounds N]`: trains once, then
/// times every single prediction (tokenize, hash, score, calibrate, priority cues) over the test texts.
struct ClassifyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify", abstract: "Classifier training time and prediction latency.")

    /// The Bitext corpus in the repository (run from the repository root).
    static let bitext = "fixtures/corpus/intents/bitext/Bitext_Sample_Customer_Service_"
    @Option(help: "Training CSV.") var train = bitext + "Training_Dataset.csv"
    @Option(help: "Test CSV (texts to predict).") var test = bitext + "Testing_Dataset.csv"
    @Option(help: "Text column.") var textColumn = "utterance"
    @Option(help: "Label column.") var labelColumn = "category"
    @Option(help: "How many times to predict the whole test set.") var rounds = 20

    struct Figures: Encodable {
        var model: String
        var labels: Int
        var n_train: Int
        var train_seconds: Double
        /// One fit of the chosen kind on all rows (features included), without the model selection.
        var fit_seconds: Double
        var predictions: Int
        var seconds: Double
        var predictions_per_s: Double
        var p50_ms: Double
        var p99_ms: Double
        var model_bytes: Int
    }

    func run() async throws {
        func load(_ path: String) throws -> [LabeledText] {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
            return try LabeledCSV.examples([UInt8](data), name: path, textColumn: textColumn, labelColumn: labelColumn)
        }
        let training = try load(train), texts = try load(test).map(\.text)
        let clock = ContinuousClock()
        var trained: (model: LinearTextModel, report: ClassifierTraining.Report)?
        let trainTime = try clock.measure { trained = try ClassifierTraining.train(training) }
        let options = ClassifierTraining.Options()
        let fitTime = clock.measure {
            let counts = training.map { options.hashing.counts($0.text) }
            let vocabulary = TfidfVocabulary(hashing: options.hashing, documents: counts)
            let labels = trained!.model.labels
            let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
            let vectors = counts.map { vocabulary.vector($0) }
            let y = training.map { index[$0.label]! }
            switch trained!.report.kind {
            case .naiveBayes: _ = options.naiveBayes.train(vectors, labels: y, labelNames: labels, vocabulary: vocabulary)
            case .logisticRegression: _ = options.logistic.train(vectors, labels: y, labelNames: labels, vocabulary: vocabulary)
            }
        }
        let classifier = TicketClassifier(category: trained!.model)
        var latencies: [Double] = []
        latencies.reserveCapacity(texts.count * rounds)
        var sink = 0
        let total = clock.measure {
            for _ in 0..<rounds {
                for text in texts {
                    let start = clock.now
                    sink &+= classifier.predict(text).bestGuess.utf8.count
                    latencies.append((clock.now - start).milliseconds)
                }
            }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let seconds = total.milliseconds / 1000
        try BenchOutput.print(Figures(
            model: trained!.report.kind.rawValue, labels: trained!.model.labels.count, n_train: training.count,
            train_seconds: trainTime.milliseconds / 1000, fit_seconds: fitTime.milliseconds / 1000, predictions: latencies.count, seconds: seconds,
            predictions_per_s: Double(latencies.count) / seconds, p50_ms: percentile(0.5), p99_ms: percentile(0.99),
            model_bytes: classifier.encode().count))
        if sink == -1 { print(sink) }
    }
}

extension Duration {
    var milliseconds: Double {
        let (s, attoseconds) = components
        return Double(s) * 1000 + Double(attoseconds) / 1e15
    }
}
