import ArgumentParser
import Foundation
import HelpdeskText

/// `maildesk classify eval --train F --test F`: trains on one CSV file, scores another; no database.
struct ClassifyEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Train on one CSV file and report accuracy and macro-F1 on another (no database needed).")
    /// `--config` is accepted like everywhere but not read: eval needs no database.
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Training CSV file.") var train: String
    @Option(name: .long, help: "Test CSV file.") var test: String
    @OptionGroup var columns: ClassifyCommand.Columns
    @Option(name: .long, help: "Confidence threshold for the `unclassified` count.")
    var threshold: Float = TicketClassifier.defaultThreshold

    /// docs/cli.md#classify: the fixed keys plus `cv_macro_f1` (of the chosen kind) and `unclassified` (below the
    /// threshold).
    struct Report: Encodable {
        var model: String
        var accuracy: Double
        var macroF1: Double
        var trainSeconds: Double
        var predictSeconds: Double
        var nTrain: Int
        var nTest: Int
        var cvMacroF1: Double
        var unclassified: Int
        enum CodingKeys: String, CodingKey {
            case model, accuracy, macroF1 = "macro_f1", trainSeconds = "train_seconds", predictSeconds = "predict_seconds"
            case nTrain = "n_train", nTest = "n_test", cvMacroF1 = "cv_macro_f1", unclassified
        }
    }

    func run() async throws {
        try await reportingErrors {
            let json = global.json
            let training = try ClassifyCommand.examples(train, columns)
            let testing = try ClassifyCommand.examples(test, columns)
            let progress = Output.progress("training", json: json)
            let clock = ContinuousClock()
            let start = clock.now
            let trained: (model: LinearTextModel, report: ClassifierTraining.Report)
            do {
                trained = try ClassifierTraining.train(training, progress: progress)
            } catch let failure as ClassifierTraining.Failure {
                throw CLIFailure(.dataError, failure.description)
            }
            let trainTime = clock.now - start
            let classifier = TicketClassifier(category: trained.model, threshold: threshold)
            let predictStart = clock.now
            let predictions = testing.map { classifier.predict($0.text) }
            let predictTime = clock.now - predictStart
            let metrics = ClassificationMetrics(truth: testing.map(\.label), predicted: predictions.map(\.bestGuess))
            let report = Report(model: trained.report.kind.rawValue, accuracy: ClassifyCommand.rounded(metrics.accuracy),
                                macroF1: ClassifyCommand.rounded(metrics.macroF1),
                                trainSeconds: ClassifyCommand.rounded(trainTime.seconds), predictSeconds: ClassifyCommand.rounded(predictTime.seconds),
                                nTrain: training.count, nTest: testing.count,
                                cvMacroF1: ClassifyCommand.rounded(trained.report.chosenMacroF1),
                                unclassified: predictions.filter { $0.category == nil }.count)
            if json {
                try Output.json(report)
            } else {
                Output.line("model \(report.model) (CV macro-F1 \(report.cvMacroF1)): accuracy \(report.accuracy), "
                    + "macro-F1 \(report.macroF1) on \(report.nTest) texts; trained on \(report.nTrain) in "
                    + String(format: "%.2f s", report.trainSeconds) + ", predicted in " + String(format: "%.3f s", report.predictSeconds)
                    + "; \(report.unclassified) below the threshold \(threshold)")
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
