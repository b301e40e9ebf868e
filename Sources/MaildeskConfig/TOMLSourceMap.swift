/// Finds the line of a `key =` or a `[table]` / `[[array]]` header in TOML source text.
///
/// TOMLKit reports positions only for syntax errors, so this scanner walks the text once and records,
/// for every key/value line, its full dotted path and which `[[array]]` element it belongs to.
/// It understands comments, quoted keys, dotted keys, and values spanning lines (multi-line strings,
/// arrays); lines inside such values are never mistaken for keys.
/// - SeeAlso: TOML v1.0.0 (Keys, Table, Array of Tables, String)
struct TOMLSourceMap: Sendable {
    private struct Entry: Sendable {
        var path: String
        /// Element number of the innermost `[[array]]` in effect, `nil` outside arrays of tables.
        var index: Int?
        var line: Int
        var isHeader: Bool
    }

    private var entries: [Entry] = []

    init(text: String) {
        var section: [String] = []
        var index: Int?
        var arrayCounts: [String: Int] = [:]
        var continuation = TOMLValueScanner()
        // "\r\n" is one Character in Swift, so split on both forms.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            let line = Substring(rawLine)
            if continuation.isOpen {
                continuation.scan(line)
                continue
            }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            if trimmed.hasPrefix("[[") {
                guard let path = Self.keyPath(trimmed.dropFirst(2), terminator: "]") else { continue }
                let joined = path.joined(separator: ".")
                let element = arrayCounts[joined, default: 0]
                arrayCounts[joined] = element + 1
                section = path
                index = element
                entries.append(Entry(path: joined, index: element, line: number, isHeader: true))
            } else if trimmed.hasPrefix("[") {
                guard let path = Self.keyPath(trimmed.dropFirst(), terminator: "]") else { continue }
                let parentIsArray = arrayCounts.keys.contains { path.joined(separator: ".").hasPrefix($0 + ".") }
                section = path
                index = parentIsArray ? index : nil
                entries.append(Entry(path: path.joined(separator: "."), index: index, line: number, isHeader: true))
            } else if let key = Self.keyPath(trimmed, terminator: "=") {
                let full = (section + key).joined(separator: ".")
                entries.append(Entry(path: full, index: index, line: number, isHeader: false))
                if let equals = trimmed.firstIndex(of: "=") {
                    continuation.scan(trimmed[trimmed.index(after: equals)...])
                }
            }
        }
    }

    /// The line of `path` (dotted, e.g. `imap.url`) inside `[[array]]` element `index`; when the key itself
    /// is absent, the line of its nearest enclosing key or header. `nil` if nothing matches.
    func line(of path: String, index: Int? = nil) -> Int? {
        var components = path.split(separator: ".").map(String.init)
        while !components.isEmpty {
            let joined = components.joined(separator: ".")
            if let hit = entries.first(where: { $0.path == joined && $0.index == index && !$0.isHeader })
                ?? entries.first(where: { $0.path == joined && $0.index == index })
                ?? entries.first(where: { $0.path == joined && $0.index == nil }) {
                return hit.line
            }
            components.removeLast()
        }
        return nil
    }

    /// Parses `key.path` up to `terminator`, honouring quoted segments; `nil` if the text is not a key.
    static func keyPath(_ text: Substring, terminator: Character) -> [String]? {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var sawSegment = false
        for char in text {
            if let open = quote {
                if char == open { quote = nil } else { current.append(char) }
                continue
            }
            switch char {
            case "\"", "'":
                quote = char
                sawSegment = true
            case terminator:
                guard sawSegment else { return nil }
                parts.append(current)
                return parts
            case ".":
                guard sawSegment else { return nil }
                parts.append(current)
                current = ""
                sawSegment = false
            case " ", "\t":
                continue
            default:
                guard char.isLetter || char.isNumber || char == "_" || char == "-" else { return nil }
                current.append(char)
                sawSegment = true
            }
        }
        return nil
    }
}
