/// Reading labelled examples from a CSV file's text and label columns (`classify train|eval`).
public enum LabeledCSV {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The (text, label) pairs of `bytes`; `name` only labels the messages.
    public static func examples(_ bytes: [UInt8], name: String, textColumn: String, labelColumn: String) throws -> [LabeledText] {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: bytes)
        } catch let failure as CSVTable.Failure {
            throw Failure(description: "\(name): \(failure)")
        }
        guard let text = table.column(textColumn) else {
            throw Failure(description: "\(name): no column \"\(textColumn)\" (columns: \(table.header.joined(separator: ", ")))")
        }
        guard let label = table.column(labelColumn) else {
            throw Failure(description: "\(name): no column \"\(labelColumn)\" (columns: \(table.header.joined(separator: ", ")))")
        }
        let examples = table.pairs(text: text, label: label)
        guard !examples.isEmpty else { throw Failure(description: "\(name): no rows with a \"\(labelColumn)\" value") }
        return examples
    }
}
