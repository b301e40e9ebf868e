/// Classifies each line of a plain-text body: empty, separator, mobile signature, attribution
/// (joined over wrapped lines), original-message banner, copied header, quote or text. Lines inside a
/// Markdown code fence are always text. Linear scan; no regular expressions.
/// - SeeAlso: RFC 3676 §4.5 (quote marks), RFC 3676 §4.3 (signature separator)
struct ReplyLineClassifier: Sendable {
    private let attribution = ReplyAttributionMatcher()
    private let original = ReplyOriginalMessageMatcher()
    private let signature = ReplySignatureMatcher()
    /// Physical lines an attribution may be wrapped over (blank lines included).
    private let maxWrappedLines = 5

    func classify(_ lines: [Substring]) -> [ReplyLineKind] {
        var kinds = [ReplyLineKind](repeating: .text, count: lines.count)
        var inFence = false
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if ReplyText.trimmed(line).hasPrefix("```") {
                inFence.toggle()
                i += 1
                continue
            }
            if inFence { i += 1; continue }
            if let span = attributionSpan(lines, at: i) {
                for j in i..<(i + span.count) { kinds[j] = .attribution(span.language) }
                i += span.count
                continue
            }
            kinds[i] = kind(of: line)
            i += 1
        }
        return kinds
    }

    /// The kind of a single line, attribution headers excluded.
    func kind(of line: Substring) -> ReplyLineKind {
        if ReplyText.isBlank(line) { return .empty }
        if isQuote(line) { return .quote }
        if signature.isSeparator(line) { return .separator }
        if let k = original.separator(line) { return .originalMessage(k) }
        if signature.isMobileSignature(line) { return .mobileSignature }
        if original.isHeaderLine(line) { return .header }
        return .text
    }

    /// `> text`, `>text`, or a supercite prefix such as `C> text` / `Richard> text`.
    func isQuote(_ line: Substring) -> Bool {
        // Bytes, not Characters: only ASCII letters, blanks and '>' can make a quote prefix.
        var letters = 0
        let bytes = line.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            i = bytes.index(after: i)
            if letters == 0, b == 0x20 || b == 0x09 { continue }
            if b == 0x3E {
                guard letters > 0, i < bytes.endIndex else { return true }
                return bytes[i] == 0x20 || bytes[i] == 0x3E
            }
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            guard isLetter, letters < 10 else { return false }
            letters += 1
        }
        return false
    }

    /// An attribution starting at line `i`, possibly wrapped: its language and how many lines it covers.
    func attributionSpan(_ lines: [Substring], at i: Int) -> (language: String, count: Int)? {
        let first = lines[i]
        guard !ReplyText.isBlank(first), !isQuote(first) else { return nil }
        let trimmed = ReplyText.trimmed(first)
        // `language(of:)` starts with this test; made here, most lines need no String of their own.
        if ReplyAttributionMatcher.mayBeHeader(trimmed) {
            let line = String(trimmed)
            if let lang = attribution.language(of: line) {
                return (lang, extend(lines, at: i, count: 1, joined: line) ?? 1)
            }
        }
        // A wrapped header ends within the window on a line ending like a header; look for one first.
        let window = lines[(i + 1)..<min(lines.count, i + maxWrappedLines)]
        guard window.contains(where: ReplyAttributionMatcher.mayEndHeader),
              attribution.mayStartWrappedHeader(first) else { return nil }
        var joined = String(trimmed)
        var j = i + 1
        while j < lines.count, j - i < maxWrappedLines {
            let next = lines[j]
            j += 1
            if ReplyText.isBlank(next) { continue }
            let t = ReplyText.trimmed(next)
            if attribution.startsWithStartWord(t.lowercased()) { return nil }
            // A line that is an attribution by itself starts its own header, unless it finishes an
            // address the previous line opened (`… Name <` / `name@host> wrote:`).
            if !opensAddress(joined), attribution.language(of: String(t)) != nil { return nil }
            joined += " " + t
            if let lang = attribution.language(of: joined) { return (lang, j - i) }
            if let last = t.last, ".!?".contains(last) { return nil }
        }
        return nil
    }

    private func opensAddress(_ s: String) -> Bool {
        guard let open = s.lastIndex(of: "<") else { return false }
        guard let close = s.lastIndex(of: ">") else { return true }
        return open > close
    }

    /// A header already matched on `count` lines whose address continues on the next line
    /// (`2016-10-24 15:36 GMT+02:00 Foo <` / `foo@bar> :`) takes that line too.
    private func extend(_ lines: [Substring], at i: Int, count: Int, joined: String) -> Int? {
        let j = i + count
        guard j < lines.count, !joined.hasSuffix(":"), !ReplyText.isBlank(lines[j]) else { return nil }
        let t = ReplyText.trimmed(lines[j])
        guard t.count <= 80, t.hasSuffix(":") || t.hasSuffix("："), t.containsBytes("@") || t.count <= 20 else { return nil }
        return attribution.language(of: joined + " " + t) != nil ? count + 1 : nil
    }
}
