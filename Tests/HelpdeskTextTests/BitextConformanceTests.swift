import Foundation
import HelpdeskText
import Testing

/// Trains on the Bitext training CSV and scores the test CSV, both in the repository at
/// fixtures/corpus/intents/bitext. A missing file fails the test with the path it expected.
///
/// Debug builds train cheaper (2 folds, 4 SGD epochs) so the test takes seconds; release builds use
/// the defaults. The floors are the accuracies measured with those settings, minus a small margin.
/// Serialized: the two label sets train one after the other, leaving a core to the other suites.
@Suite(.serialized) struct BitextConformanceTests {
    static let corpusPath = "fixtures/corpus/intents/bitext"
    /// Tests/HelpdeskTextTests/<this file> → repository root → fixtures/corpus/intents/bitext.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(corpusPath)

    static func load(_ name: String, label: String) throws -> [LabeledText] {
        let url = directory.appendingPathComponent("Bitext_Sample_Customer_Service_\(name)_Dataset.csv")
        let data = try #require(FileManager.default.contents(atPath: url.path),
                                "Bitext corpus missing: expected \(url.path) (fixtures/corpus/README.md)")
        return try LabeledCSV.examples([UInt8](data), name: url.lastPathComponent, textColumn: "utterance", labelColumn: label)
    }

    static var options: ClassifierTraining.Options {
        var options = ClassifierTraining.Options()
        #if DEBUG
        options.folds = 2
        options.logistic.epochs = 4
        #endif
        return options
    }

    @Test(arguments: [("category", 0.99, 11), ("intent", 0.985, 27)])
    func accuracyOnTheTestSetStaysAboveTheFloor(_ label: String, _ floor: Double, _ labels: Int) async throws {
        let train = try Self.load("Training", label: label)
        let test = try Self.load("Testing", label: label)
        print("BitextConformance (\(label)): read \(train.count) training and \(test.count) test rows from \(Self.corpusPath)")
        #expect(train.count == 6480)
        #expect(test.count == 810)
        // Seconds of CPU: on a thread of its own, so the 2-thread concurrency pool stays free for the
        // daemon tests that run beside this one.
        let (model, report) = try await Self.offPool { try ClassifierTraining.train(train, options: Self.options) }
        #expect(report.labels.count == labels)
        let classifier = TicketClassifier(category: model)
        let metrics = ClassificationMetrics(truth: test.map(\.label), predicted: test.map { classifier.predict($0.text).bestGuess })
        print("bitext \(label): \(report.kind.rawValue) accuracy \(metrics.accuracy) macro-F1 \(metrics.macroF1)")
        #expect(metrics.accuracy >= floor, "accuracy \(metrics.accuracy) below the floor \(floor)")
        #expect(metrics.macroF1 >= floor - 0.005, "macro-F1 \(metrics.macroF1) below \(floor - 0.005)")
    }

    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
