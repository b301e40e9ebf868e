import ArgumentParser
import Foundation
import HelpdeskText
import MaildeskServices

/// `maildesk classify predict TEXT`: category (or unclassified) and priority from the newest model.
struct ClassifyPredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the category and priority of a text with the newest stored model.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The text (a ticket's first message).") var text: String

    /// docs/cli.md#classify: `{"category","confidence","priority","model_version"}`; `category` null when
    /// unclassified, `confidence` and `model_version` null when no model is stored.
    struct Report: Encodable {
        var category: String?
        var confidence: Double?
        var priority: String
        var modelVersion: Int64?
        enum CodingKeys: String, CodingKey { case category, confidence, priority, modelVersion = "model_version" }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(category, forKey: .category)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(priority, forKey: .priority)
            try c.encode(modelVersion, forKey: .modelVersion)
        }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let loaded: ClassifierCatalog.Loaded?
            do {
                loaded = try ClassifierCatalog(database: app.database).latest()
            } catch let damaged as TicketClassifier.DecodingError {
                throw CLIFailure(.failure, damaged.description)
            }
            guard let loaded else {
                let report = Report(category: nil, confidence: nil, priority: PriorityCues.priority(text).rawValue, modelVersion: nil)
                if global.json { try Output.json(report) } else { Output.line("unclassified (no model: run `maildesk classify train`), priority \(report.priority)") }
                return
            }
            let threshold = app.configuration.classifier.threshold.map(Float.init) ?? loaded.classifier.threshold
            let prediction = loaded.classifier.predict(text, threshold: threshold)
            let report = Report(category: prediction.category, confidence: ClassifyCommand.rounded(Double(prediction.confidence)),
                                priority: prediction.priority.rawValue, modelVersion: loaded.version)
            if global.json {
                try Output.json(report)
            } else if let category = prediction.category {
                Output.line("\(category) (confidence \(String(format: "%.2f", prediction.confidence))), priority \(report.priority), model version \(loaded.version)")
            } else {
                Output.line("unclassified (best guess \(prediction.bestGuess) at \(String(format: "%.2f", prediction.confidence)), "
                    + "threshold \(threshold)), priority \(report.priority), model version \(loaded.version)")
            }
        }
    }
}
