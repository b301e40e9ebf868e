/// Reading labelled examples from a CSV file's text and label columns (`classify train|eval`).
public enum LabeledCSV {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The (text, label) pairs of `bytes`; `name` only labels the messages.
    public static func examples(_ bytes: [UInt8], name: String, textColumn: String, labelColumn: String) throws -> [LabeledText] {
        try examples(bytes, name: name, textColumn: textColumn, labelColumn: labelColumn, extraColumn: nil).examples
    }

    /// The pairs plus, row by row, the value of `extraColumn` (e.g. a priority) when one is named.
    public static func examples(_ bytes: [UInt8], name: String, textColumn: String, labelColumn: String,
                                extraColumn: String?) throws -> (examples: [LabeledText], extra: [String]?) {
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
        var extra: Int?
        if let extraColumn {
            guard let index = table.column(extraColumn) else {
                throw Failure(description: "\(name): no column \"\(extraColumn)\" (columns: \(table.header.joined(separator: ", ")))")
            }
            extra = index
        }
        var examples: [LabeledText] = []
        var values: [String] = []
        for row in table.rows where text < row.count && label < row.count {
            let labelValue = row[label].trimmingWhitespace()
            guard !labelValue.isEmpty else { continue }
            examples.append(LabeledText(text: row[text], label: labelValue))
            if let extra { values.append(extra < row.count ? row[extra].trimmingWhitespace() : "") }
        }
        guard !examples.isEmpty else { throw Failure(description: "\(name): no rows with a \"\(labelColumn)\" value") }
        return (examples, extra == nil ? nil : values)
    }
}
