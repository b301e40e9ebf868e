import Foundation

/// The one place that writes results: JSON documents or plain text lines.
///
/// Text for people never carries control characters from the data: a subject, name, address, file
/// name or error decoded from a mail could otherwise clear the screen, set the window title, plant a
/// hyperlink or forge table rows (ECMA-48 §5, C0 and C1 sets). `line`, `table` and `clip` escape
/// every cell and field with ``TerminalSafe/line(_:)``; `text` keeps a body's line breaks and
/// escapes the rest. JSON is written exactly (RFC 8259 escapes what it must). See docs/cli.md#escaping.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601  // RFC 3339 UTC (docs/cli.md#json)
        var data = try encoder.encode(value)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }

    /// One line: controls, line breaks included, become visible escapes.
    static func line(_ text: String) {
        write(safe(text) + "\n")
    }

    /// A multi-line body (a ticket entry, an article, a parsed message): its line breaks stay real,
    /// every other control in each line is escaped.
    static func text(_ text: String) {
        write(TerminalSafe.text(text) + "\n")
    }

    /// Bytes meant for a file or a pipe (`quarantine show`): exact when stdout is not a terminal; on a
    /// terminal decoded as UTF-8 and escaped like `text`, so a stored message cannot drive it.
    static func raw(_ data: Data) {
        guard isatty(STDOUT_FILENO) == 1 else { return FileHandle.standardOutput.write(data) }
        write(TerminalSafe.text(String(decoding: data, as: UTF8.self)))
    }

    /// `text` as one line, with controls, line breaks and bidi overrides as visible escapes.
    static func safe(_ text: String) -> String { TerminalSafe.line(text) }

    /// Left-aligned columns; the last column is not padded. Every cell is escaped first, so a cell
    /// never breaks a row or the alignment.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = ([header] + rows).map { $0.map(safe) }
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        for row in all {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            write(cells.joined(separator: "  ") + "\n")
        }
    }

    /// At most `width` characters of the escaped text (escapes count, so the column stays narrow).
    static func clip(_ text: String, _ width: Int) -> String {
        let text = safe(text)
        return text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
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
