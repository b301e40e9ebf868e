/// Splits a multipart body on its boundary delimiter lines.
/// - SeeAlso: RFC 2046 §5.1.1 (delimiter lines: "--" boundary, optional "--" close, transport padding;
///   the CRLF before a delimiter belongs to the delimiter; preamble and epilogue are ignored)
struct MultipartSplitter {
    struct Result {
        var preamble: ArraySlice<UInt8>
        var parts: [ArraySlice<UInt8>]
        var epilogue: ArraySlice<UInt8>
        /// False when the closing delimiter "--boundary--" was never seen.
        var closed: Bool
    }

    let boundary: [UInt8]

    init(boundary: String) {
        self.boundary = Array(boundary.utf8)
    }

    func split(_ body: ArraySlice<UInt8>) -> Result {
        var result = Result(preamble: body[body.startIndex..<body.startIndex], parts: [],
                            epilogue: body[body.endIndex...], closed: false)
        let end = body.endIndex
        var partStart: Int? = nil
        var lineStart = body.startIndex
        while lineStart < end {
            if let (isClose, next) = delimiter(body, at: lineStart) {
                let contentEnd = Self.stripLineBreak(body, before: lineStart, floor: partStart ?? body.startIndex)
                if let s = partStart {
                    result.parts.append(body[s..<max(s, contentEnd)])
                } else {
                    result.preamble = body[body.startIndex..<contentEnd]
                }
                if isClose {
                    result.closed = true
                    result.epilogue = body[next...]
                    return result
                }
                partStart = next
                lineStart = next
                continue
            }
            // Advance to the next line.
            var j = lineStart
            while j < end, body[j] != ASCII.lf { j += 1 }
            lineStart = j + 1
        }
        // Unclosed: keep the trailing part unless it is only whitespace left after the last delimiter.
        if let s = partStart, ASCII.trim(body[s..<end]).count > 0 || result.parts.isEmpty {
            result.parts.append(body[s..<end])
        }
        return result
    }

    /// If a delimiter line starts at `i`, whether it closes and where the next line starts.
    private func delimiter(_ b: ArraySlice<UInt8>, at i: Int) -> (Bool, Int)? {
        let end = b.endIndex
        guard i + 2 + boundary.count <= end, b[i] == ASCII.dash, b[i + 1] == ASCII.dash else { return nil }
        var k = i + 2
        for c in boundary {
            if b[k] != c { return nil }
            k += 1
        }
        var isClose = false
        if k + 1 < end, b[k] == ASCII.dash, b[k + 1] == ASCII.dash { isClose = true; k += 2 }
        while k < end, ASCII.isWSP(b[k]) { k += 1 }
        if k == end { return (isClose, end) }
        if b[k] == ASCII.lf { return (isClose, k + 1) }
        if b[k] == ASCII.cr {
            if k + 1 < end, b[k + 1] == ASCII.lf { return (isClose, k + 2) }
            return (isClose, k + 1)
        }
        // A longer boundary that merely starts with ours is not a match; trailing junk after a
        // close delimiter is tolerated.
        if isClose {
            var j = k
            while j < end, b[j] != ASCII.lf { j += 1 }
            return (true, min(end, j + 1))
        }
        return nil
    }

    /// Index before the line break that ends just before `i` (never below `floor`).
    static func stripLineBreak(_ b: ArraySlice<UInt8>, before i: Int, floor: Int) -> Int {
        var e = i
        if e > floor, b[e - 1] == ASCII.lf { e -= 1 }
        if e > floor, b[e - 1] == ASCII.cr { e -= 1 }
        return e
    }
}
