/// Accumulates rendered text for `HTMLText`, collapsing whitespace the way a browser does.
struct TextWriter {
    private var out = ""
    private var pendingSpace = false
    /// Newlines requested but not yet written (1 = line break, 2 = blank line).
    private var pendingNewlines = 0
    var preDepth = 0

    mutating func text(_ s: String) {
        if preDepth > 0 {
            flushNewlines()
            out += s
            return
        }
        for ch in s.unicodeScalars {
            if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == "\u{0C}" {
                pendingSpace = true
            } else {
                if pendingNewlines > 0 {
                    flushNewlines()
                } else if pendingSpace, let last = out.unicodeScalars.last, last != "\n", last != "\t", last != " " {
                    out.unicodeScalars.append(" ")
                }
                pendingSpace = false
                out.unicodeScalars.append(ch == "\u{A0}" ? " " : ch)
            }
        }
    }

    /// Text written as is (no whitespace collapsing), e.g. list bullets.
    mutating func raw(_ s: String) {
        flushNewlines()
        out += s
        pendingSpace = false
    }

    mutating func newline() { if !out.isEmpty { pendingNewlines = max(pendingNewlines, 1) }; pendingSpace = false }
    mutating func blankLine() { if !out.isEmpty { pendingNewlines = 2 }; pendingSpace = false }

    mutating func cellEnd() {
        if pendingNewlines == 0 { out += "\t" }
        pendingSpace = false
    }

    func lastWord(equals s: String) -> Bool { out.hasSuffix(s) }

    private mutating func flushNewlines() {
        guard pendingNewlines > 0 else { return }
        while out.last == " " || out.last == "\t" { out.removeLast() }
        out += String(repeating: "\n", count: pendingNewlines)
        pendingNewlines = 0
    }

    /// The text with trailing spaces removed from lines and surrounding blank lines trimmed.
    func finish() -> String {
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var l = line
            while l.last == " " || l.last == "\t" { l = l.dropLast() }
            return l
        }
        var s = lines.joined(separator: "\n")
        while s.hasPrefix("\n") { s.removeFirst() }
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
