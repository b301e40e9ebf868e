/// Cuts a plain-text reply down to its new part, using the line kinds from `ReplyLineClassifier`:
/// 1. a separator line after text ends the reply (`-- ` signature, `____` before an Outlook header block);
/// 2. mobile signature lines are dropped;
/// 3. a reply that starts with an attribution, banner or copied header block (bottom posting, forwards)
///    loses that lead-in up to the first text line;
/// 4. the first attribution / original-message banner / header block after text ends the reply — unless
///    the attribution is followed by a quote, the writer's text and another quote (or at least five lines
///    of text): an interleaved reply, where only the attribution line goes;
/// 5. trailing quotes go when text remains.
/// The result is never empty when the input had text.
/// - SeeAlso: RFC 3676 §4.3 (signature separator), RFC 3676 §4.5 (quotes), docs/design.md#reply-trimming
struct PlainTextReplyTrimmer: Sendable {
    private let classifier = ReplyLineClassifier()
    private let attribution = ReplyAttributionMatcher()

    func trim(_ text: String) -> TrimResult {
        let lines = ReplyText.lines(text)
        var kinds = classifier.classify(lines)
        let blockStarts = markHeaderBlocks(&kinds)
        var keep = [Bool](repeating: true, count: lines.count)
        var end = lines.count
        var cutMarker: String?
        var leadMarker: String?

        // 1. Separator after text.
        var textSeen = false
        for i in 0..<lines.count {
            if kinds[i] == .text { textSeen = true }
            guard kinds[i] == .separator else { continue }
            if textSeen {
                end = i
                cutMarker = separatorMarker(lines, kinds, at: i)
                break
            }
            kinds[i] = .empty
        }
        // 2. Mobile signatures.
        var signatureRemoved = false
        for i in 0..<end where kinds[i] == .mobileSignature {
            keep[i] = false
            signatureRemoved = true
        }
        // 3. Lead-in before the first text line.
        if let first = (0..<end).first(where: { keep[$0] && kinds[$0] != .empty }),
           kinds[first].isBoundary || blockStarts.contains(first),
           let firstText = (first..<end).first(where: { keep[$0] && kinds[$0] == .text }) {
            var dropUntil = firstText
            if case .attribution = kinds[first] {
                var after = first + 1
                while after < end, kinds[after] == kinds[first] { after += 1 }
                if isInterleaved(kinds, keep, from: after, end: end), hasLaterQuote(kinds, keep, from: firstText, end: end) {
                    dropUntil = after
                }
            }
            for i in first..<dropUntil { keep[i] = false }
            leadMarker = marker(for: kinds[first])
        }
        // 4. Boundaries after text.
        var i = 0
        var seenText = false
        while i < end {
            guard keep[i] else { i += 1; continue }
            let kind = kinds[i]
            if kind == .text { seenText = true }
            if blockStarts.contains(i) || kind.isBoundary {
                var after = i + 1
                while after < end, kinds[after] == kind { after += 1 }
                if case .attribution = kind, isInterleaved(kinds, keep, from: after, end: end) {
                    for j in i..<after { keep[j] = false }
                    i = after
                    continue
                }
                if seenText {
                    end = i
                    cutMarker = marker(for: kind)
                    break
                }
            }
            i += 1
        }
        // 5. Trailing quotes.
        if (0..<end).contains(where: { keep[$0] && kinds[$0] == .text }) {
            var last = end
            while last > 0, !keep[last - 1] || [.quote, .empty].contains(kinds[last - 1]) || kinds[last - 1].isBoundary {
                last -= 1
            }
            if last < end, let q = (last..<end).first(where: { keep[$0] && kinds[$0] == .quote }) {
                cutMarker = cutMarker ?? quoteMarker(lines[q])
            }
            end = last
        }
        let kept = (0..<end).filter { keep[$0] }.map { lines[$0] }
        let result = ReplyText.join(kept)
        if result.allSatisfy({ ReplyText.isSpace($0) || $0 == "\n" }) {
            let whole = ReplyText.join(lines)
            return TrimResult(text: whole, marker: nil, keptLines: ReplyText.lines(whole).count, totalLines: lines.count)
        }
        let marker = cutMarker ?? leadMarker ?? (signatureRemoved ? "signature" : nil)
        return TrimResult(text: result, marker: marker, keptLines: ReplyText.lines(result).count, totalLines: lines.count)
    }

    /// Runs of copied header lines (text continuation lines allowed between them) count as a header
    /// block when they hold at least three header lines; shorter runs are ordinary text.
    private func markHeaderBlocks(_ kinds: inout [ReplyLineKind]) -> Set<Int> {
        var starts = Set<Int>()
        var i = 0
        while i < kinds.count {
            guard kinds[i] == .header else { i += 1; continue }
            var headers = 1, gap = 0, last = i, j = i + 1
            while j < kinds.count {
                if kinds[j] == .header { headers += 1; gap = 0; last = j } else if kinds[j] == .text, gap < 2 { gap += 1 } else { break }
                j += 1
            }
            for k in i...last {
                if headers >= 3 { kinds[k] = .header } else if kinds[k] == .header { kinds[k] = .text }
            }
            if headers >= 3 { starts.insert(i) }
            i = last + 1
        }
        return starts
    }

    /// After an attribution: a quote, then the writer's text, then another quote — or at least
    /// `interleavedTextLines` lines of text — means an interleaved reply rather than a signature or
    /// footer under a top-posted quote.
    private func isInterleaved(_ kinds: [ReplyLineKind], _ keep: [Bool], from start: Int, end: Int) -> Bool {
        var i = start
        while i < end, !keep[i] || kinds[i] == .empty { i += 1 }
        guard i < end, kinds[i] == .quote else { return false }
        while i < end, !keep[i] || kinds[i] == .empty || kinds[i] == .quote || kinds[i].isBoundary { i += 1 }
        var textLines = 0
        while i < end {
            if keep[i] {
                if kinds[i] == .quote { return textLines > 0 }
                if kinds[i] == .text { textLines += 1 }
                if kinds[i].isBoundary || kinds[i] == .header { break }
            }
            i += 1
        }
        return textLines >= Self.interleavedTextLines
    }

    /// Text lines after a quote that make a reply interleaved even without a further quote.
    static let interleavedTextLines = 5

    /// A quote line followed by more text somewhere after `start`.
    private func hasLaterQuote(_ kinds: [ReplyLineKind], _ keep: [Bool], from start: Int, end: Int) -> Bool {
        guard let q = (start..<end).first(where: { keep[$0] && kinds[$0] == .quote }) else { return false }
        return (q..<end).contains { keep[$0] && kinds[$0] == .text }
    }

    private func separatorMarker(_ lines: [Substring], _ kinds: [ReplyLineKind], at i: Int) -> String {
        if ReplyText.trimmed(lines[i]) == "--" { return "signature" }
        if let next = (i + 1..<kinds.count).first(where: { kinds[$0] != .empty }),
           kinds[next] == .header || kinds[next].isBoundary {
            return marker(for: kinds[next])
        }
        return "separator"
    }

    private func marker(for kind: ReplyLineKind) -> String {
        switch kind {
        case .attribution(let lang): return "on-wrote:\(lang)"
        case .originalMessage(.forwarded): return "forwarded-message"
        default: return "original-message"
        }
    }

    /// "on-wrote:xx" when the first trailing quote line is a quoted attribution, else "quote-prefix".
    private func quoteMarker(_ line: Substring) -> String {
        var t = ReplyText.trimmed(line)
        while let f = t.first, f == ">" || f == " " { t.removeFirst() }
        if let lang = attribution.language(of: String(t)) { return "on-wrote:\(lang)" }
        return "quote-prefix"
    }
}
