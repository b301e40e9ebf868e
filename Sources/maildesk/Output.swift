import Foundation

/// The one place that writes results: JSON documents or plain text lines.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601  // RFC 3339 UTC (docs/cli.md#json)
        var data = try encoder.encode(value)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Left-aligned columns; the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        for row in all {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            line(cells.joined(separator: "  "))
        }
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// A `\rLABEL done/total UNIT` progress line on stderr when it is a terminal and the output is not
    /// JSON; nil otherwise (quiet in scripts, logs and pipes).
    static func progress(_ label: String, unit: String = "", json: Bool) -> (@Sendable (Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1, !json else { return nil }
        return { done, total in
            let end = done == total ? "\n" : ""
            FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)\(unit)\(end)".utf8))
        }
    }
}
