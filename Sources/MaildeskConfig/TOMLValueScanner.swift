/// Tracks whether a TOML value that started on one line continues on the next: an open multi-line
/// string (`"""`, `'''`) or an unclosed array/inline table. Comments and single-line strings are skipped.
/// - SeeAlso: TOML v1.0.0 (String, Array, Inline Table, Comment)
struct TOMLValueScanner: Sendable {
    private enum State: Sendable {
        case plain, basic, literal, multiBasic, multiLiteral
    }

    private var state: State = .plain
    private var depth = 0

    /// True while the value has not ended yet.
    var isOpen: Bool { state == .multiBasic || state == .multiLiteral || depth > 0 }

    /// Consumes one line (or the value part of the first line).
    mutating func scan(_ line: Substring) {
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let char = chars[i]
            switch state {
            case .plain:
                if char == "#" { return }
                if char == "[" || char == "{" { depth += 1 }
                if char == "]" || char == "}" { depth = max(0, depth - 1) }
                if char == "\"" || char == "'" {
                    let triple = i + 2 < chars.count && chars[i + 1] == char && chars[i + 2] == char
                    if triple {
                        state = char == "\"" ? .multiBasic : .multiLiteral
                        i += 2
                    } else {
                        state = char == "\"" ? .basic : .literal
                    }
                }
            case .basic:
                if char == "\\" { i += 1 } else if char == "\"" { state = .plain }
            case .literal:
                if char == "'" { state = .plain }
            case .multiBasic:
                if char == "\\" {
                    i += 1
                } else if char == "\"", i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
                    state = .plain
                    i += 2
                }
            case .multiLiteral:
                if char == "'", i + 2 < chars.count, chars[i + 1] == "'", chars[i + 2] == "'" {
                    state = .plain
                    i += 2
                }
            }
            i += 1
        }
        // A single-line string cannot span lines; the parser has already accepted the text.
        if state == .basic || state == .literal { state = .plain }
    }
}
