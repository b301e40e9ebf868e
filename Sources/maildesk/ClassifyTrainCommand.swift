import ArgumentParser
import Foundation
import HelpdeskText
import MaildeskServices

/// `maildesk classify train [--csv F]`: trains on a CSV file, or without `--csv` on the tickets whose
/// category agents set, and stores the model as a new version in the database.
struct ClassifyTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the classifier (from --csv, else from categorised tickets) and store a new model version.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "CSV file with a text and a label column (default: categorised tickets).") var csv: String?
    @OptionGroup var columns: ClassifyCommand.Columns
    @Option(name: .long, help: "Column with a priority (low, normal, high, urgent) per row: also train a priority model.")
    var priorityColumn: String?
    @Option(name: .long, help: "Below this confidence a text stays unclassified (0…1).")
    var threshold: Float = TicketClassifier.defaultThreshold

    /// `classify train --json` → `{"version","model","cv_macro_f1","cv","n_train","labels"}`.
    struct Report: Encodable {
        var version: Int64
        var model: String
        var cvMacroF1: Double
        var cv: [String: ClassificationMetrics]
        var nTrain: Int
        var labels: [String]
        enum CodingKeys: String, CodingKey {
            case version, model, cvMacroF1 = "cv_macro_f1", cv, nTrain = "n_train", labels
        }
    }

    func validate() throws {
        if !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
        if priorityColumn != nil, csv == nil { throw ValidationError("--priority-column needs --csv") }
    }

    func run() async throws {
        try await reportingErrors {
            let logger = global.makeLogger()
            let app = try global.makeApp(logger: logger)
            let catalog = ClassifierCatalog(database: app.database)
            let examples: [LabeledText]
            var priorities: [String]?
            if let csv {
                (examples, priorities) = try ClassifyCommand.examples(csv, columns, extraColumn: priorityColumn)
                if let wrong = priorities?.first(where: { Priority(rawValue: $0) == nil }) {
                    throw CLIFailure(.dataError, "\(csv): priority \"\(wrong)\" is not low, normal, high or urgent")
                }
            } else {
                (examples, priorities) = try catalog.examplesFromTickets()
                if examples.isEmpty { throw CLIFailure(.dataError, "no tickets with a category yet (set them with #category, or give --csv)") }
            }
            let progress = Output.progress("training", json: global.json)
            let trained: ClassifierCatalog.Trained
            do {
                trained = try catalog.train(examples, priorities: priorities, threshold: threshold, progress: progress)
            } catch let failure as ClassifierTraining.Failure {
                throw CLIFailure(.dataError, failure.description)
            }
            let report = trained.report
            logger.notice("classifier trained", metadata: [
                "classifier.version": "\(trained.version)", "classifier.kind": "\(report.kind.rawValue)",
                "classifier.n_train": "\(report.trainCount)",
            ])
            if global.json {
                try Output.json(Report(version: trained.version, model: report.kind.rawValue,
                                       cvMacroF1: ClassifyCommand.rounded(report.chosenMacroF1), cv: report.crossValidation,
                                       nTrain: report.trainCount, labels: report.labels))
            } else {
                let others = report.crossValidation.filter { $0.key != report.kind.rawValue }
                    .map { "\($0.key) \(String(format: "%.4f", $0.value.macroF1))" }.sorted().joined(separator: ", ")
                Output.line("model version \(trained.version): \(report.kind.rawValue), CV macro-F1 "
                    + String(format: "%.4f", report.chosenMacroF1) + (others.isEmpty ? "" : " (\(others))")
                    + ", \(report.trainCount) examples, \(report.labels.count) labels")
            }
        }
    }
}
