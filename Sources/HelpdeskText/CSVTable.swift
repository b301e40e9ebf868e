/// A CSV file as rows of fields: RFC 4180 (section 2) — fields separated by commas, records by CRLF
/// (a bare LF is accepted too), a field in double quotes may hold commas, line breaks and `""` for a
/// quote. The first record is the header.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public struct Failure: Error, Equatable, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Parses `bytes` (UTF-8, an optional BOM). A quote that is never closed is an error; a stray
    /// quote inside an unquoted field is kept as text (lenient, like most spreadsheet exports).
    public init(parsing bytes: [UInt8]) throws {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, quoted = false, wasQuoted = false, quoteLine = 1
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
            record = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { quoted = false }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
            } else {
                switch b {
                case 0x22 where field.isEmpty && !wasQuoted: quoted = true; wasQuoted = true; quoteLine = line
                case 0x2C: endField()
                case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A: break
                case 0x0A: endRecord(); line += 1
                default: field.append(b)
                }
            }
            i += 1
        }
        if quoted { throw Failure(line: quoteLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        guard let first = records.first else { throw Failure(line: 1, reason: "no header line") }
        header = first
        rows = Array(records.dropFirst())
    }

    /// The index of column `name` (exact match, then case-insensitive).
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name) ?? header.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// (text, label) pairs from two columns; rows too short or with an empty label are left out.
    public func pairs(text: Int, label: Int) -> [LabeledText] {
        rows.compactMap { row in
            guard text < row.count, label < row.count else { return nil }
            let labelValue = row[label].trimmingWhitespace()
            return labelValue.isEmpty ? nil : LabeledText(text: row[text], label: labelValue)
        }
    }
}

/// A training or test example: a text and its label (a category, an intent or a priority).
public struct LabeledText: Hashable, Sendable {
    public var text: String
    public var label: String
    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
