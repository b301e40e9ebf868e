/// Accumulates rendered text for `HTMLText` as UTF-8 bytes, collapsing whitespace the way a browser does.
/// - SeeAlso: CSS Text Level 3 §4.1.1 (white-space: normal collapses runs of spaces and line breaks)
struct TextWriter {
    private var out: [UInt8] = []
    private var pendingSpace = false
    /// Newlines requested but not yet written (1 = line break, 2 = blank line).
    private var pendingNewlines = 0
    var preDepth = 0

    mutating func text(_ s: String) {
        if preDepth > 0 {
            flushNewlines()
            out += s.utf8
            return
        }
        var it = s.utf8.makeIterator()
        var pendingNBSPLead = false  // 0xC2 seen; 0xA0 would make it a no-break space
        while let b = it.next() {
            if b == ASCII.space || b == ASCII.lf || b == ASCII.tab || b == ASCII.cr || b == 0x0C {
                pendingSpace = true
                continue
            }
            if pendingNBSPLead {
                pendingNBSPLead = false
                if b == 0xA0 { emit(ASCII.space); continue }
                emit(0xC2)
            }
            if b == 0xC2 { pendingNBSPLead = true; continue }
            emit(b)
        }
        if pendingNBSPLead { emit(0xC2) }
    }

    private mutating func emit(_ b: UInt8) {
        if pendingNewlines > 0 {
            flushNewlines()
        } else if pendingSpace, let last = out.last, last != ASCII.lf, last != ASCII.tab, last != ASCII.space {
            out.append(ASCII.space)
        }
        pendingSpace = false
        out.append(b)
    }

    /// Text written as is (no whitespace collapsing), e.g. list bullets.
    mutating func raw(_ s: String) {
        flushNewlines()
        out += s.utf8
        pendingSpace = false
    }

    mutating func newline() { if !out.isEmpty { pendingNewlines = max(pendingNewlines, 1) }; pendingSpace = false }
    mutating func blankLine() { if !out.isEmpty { pendingNewlines = 2 }; pendingSpace = false }

    mutating func cellEnd() {
        if pendingNewlines == 0 { out.append(ASCII.tab) }
        pendingSpace = false
    }

    func lastWord(equals s: String) -> Bool { out.count >= s.utf8.count && out.suffix(s.utf8.count).elementsEqual(s.utf8) }

    private mutating func flushNewlines() {
        guard pendingNewlines > 0 else { return }
        while let last = out.last, last == ASCII.space || last == ASCII.tab { out.removeLast() }
        out += repeatElement(ASCII.lf, count: pendingNewlines)
        pendingNewlines = 0
    }

    /// The text with trailing spaces removed from lines and surrounding blank lines trimmed.
    func finish() -> String {
        var result = [UInt8]()
        result.reserveCapacity(out.count)
        for b in out {
            if b == ASCII.lf {
                while let last = result.last, last == ASCII.space || last == ASCII.tab { result.removeLast() }
            }
            result.append(b)
        }
        while let last = result.last, last == ASCII.space || last == ASCII.tab { result.removeLast() }
        var start = 0
        while start < result.count, result[start] == ASCII.lf { start += 1 }
        var end = result.count
        while end > start, result[end - 1] == ASCII.lf { end -= 1 }
        return String(decoding: result[start..<end], as: UTF8.self)
    }
}
