import ArgumentParser
import Foundation
import HelpdeskText

/// `maildesk classify train|eval|predict`: the ticket category and priority classifier.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Train, evaluate and use the ticket category/priority classifier.",
        subcommands: [ClassifyTrainCommand.self, ClassifyEvalCommand.self, ClassifyPredictCommand.self])

    /// Text and label column names (defaults: the Bitext CSV's, docs/cli.md#classify).
    struct Columns: ParsableArguments {
        @Option(name: .long, help: "Column holding the text.") var textColumn = "utterance"
        @Option(name: .long, help: "Column holding the label.") var labelColumn = "category"
    }

    /// Labelled examples from a CSV file; a missing file, column or bad quoting is bad input (65).
    static func examples(_ path: String, _ columns: Columns) throws -> [LabeledText] {
        try examples(path, columns, extraColumn: nil).examples
    }

    static func examples(_ path: String, _ columns: Columns, extraColumn: String?) throws -> (examples: [LabeledText], extra: [String]?) {
        let data = try UserFiles.read(path)
        do {
            return try LabeledCSV.examples([UInt8](data), name: path, textColumn: columns.textColumn,
                                           labelColumn: columns.labelColumn, extraColumn: extraColumn)
        } catch let failure as LabeledCSV.Failure {
            throw CLIFailure(.dataError, failure.description)
        }
    }

    static func rounded(_ value: Double, _ digits: Double = 4) -> Double {
        let scale = Foundation.pow(10, digits)
        return (value * scale).rounded() / scale
    }
}
