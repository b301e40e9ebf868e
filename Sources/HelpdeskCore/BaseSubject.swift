/// The base subject of a (RFC 2047-decoded) subject line: the words left after reply/forward prefixes,
/// list and ticket tags, `(fwd)` trailers and `[fwd: …]` wrappers are removed. Two mails with the same
/// base subject key belong to the same conversation as far as the subject can tell.
///
/// Besides the English `re`/`fw`/`fwd` of RFC 5256, the localised prefixes mail clients write are
/// removed (AW, SV, VS, WG, RES, ENC, ODP, ΑΠ, ΣΧΕΤ, תגובה, 回复, 转发, …), followed by an ASCII `:` or a
/// full-width `：`, optionally with a counter (`Re[2]:`, `Re(2):`, `Re^2:`), case-insensitively.
/// Ticket tags such as `[#42]` are stripped as well: callers read tags separately (`SubjectTag`).
/// - SeeAlso: RFC 5256 §2.1 (base subject), §5 (ABNF: subj-refwd, subj-blob, subj-trailer, subj-fwd)
public enum BaseSubject {
    /// Reply/forward prefixes, lowercased (the RFC's own `re`, `fw`, `fwd` included).
    static let prefixes: Set<String> = Set([
        "re", "fw", "fwd", "res", "aw", "sv", "vs", "vl", "wg", "fs", "vb", "rv", "enc", "odp", "pd",
        "ynt", "ilt", "İlt", "tr", "antw", "doorst", "rif",
        "ΑΠ", "ΣΧΕΤ", "ΠΡΘ", "תגובה", "הועבר", "回复", "答复", "转发", "回覆", "轉寄", "転送", "返信",
    ].map { $0.lowercased() })

    /// The base subject for display: original case, single spaces, no prefixes or tags.
    public static func of(_ subject: String) -> String {
        // One array, two moving ends: long chains of prefixes cost linear time, not quadratic.
        let chars = Array(collapseWhitespace(subject))
        var lower = 0, upper = chars.count
        while true {
            upper = stripTrailers(chars, lower, upper)
            var changed = true
            while changed {
                changed = false
                if let next = stripLeader(chars, lower, upper) { lower = next; changed = true }
                if let next = stripBlob(chars, lower, upper) { lower = next; changed = true }
            }
            guard unwrapsForward(chars, lower, upper) else { break }
            lower = skipSpaces(chars, lower + header.count, upper - 1)
            upper -= 1
        }
        return String(chars[lower..<upper])
    }

    /// The base subject for comparison: `of(subject)`, lowercased.
    public static func key(_ subject: String) -> String {
        of(subject).lowercased()
    }

    static let trailer = Array("(fwd)")
    static let header = Array("[fwd:")

    /// Every run of white space (tabs, folding, U+3000 …) becomes one space; ends are trimmed.
    /// - SeeAlso: RFC 5256 §2.1 step 1
    static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The new end after removing `(fwd)` trailers and trailing white space, repeatedly.
    /// - SeeAlso: RFC 5256 §2.1 step 2
    static func stripTrailers(_ chars: [Character], _ lower: Int, _ upper: Int) -> Int {
        var upper = upper
        while true {
            while upper > lower, chars[upper - 1].isWhitespace { upper -= 1 }
            guard upper - lower >= trailer.count, matches(chars, upper - trailer.count, trailer) else { return upper }
            upper -= trailer.count
        }
    }

    /// The new start after one leader: a prefix word, optional counter, optional `[blob]`, and a colon;
    /// nil when there is none. Blobs in front of it (subj-leader = *subj-blob subj-refwd) are removed
    /// one by one by `stripBlob`, which gives the same result in linear time.
    /// - SeeAlso: RFC 5256 §2.1 step 3
    static func stripLeader(_ chars: [Character], _ lower: Int, _ upper: Int) -> Int? {
        var i = skipSpaces(chars, lower, upper)
        let wordStart = i
        while i < upper, chars[i].isLetter, i - wordStart < 8 { i += 1 }
        guard i > wordStart, i == upper || !chars[i].isLetter,
              prefixes.contains(String(chars[wordStart..<i]).lowercased()) else { return nil }
        i = skipSpaces(chars, i, upper)
        if let end = counterEnd(chars, i, upper) { i = skipSpaces(chars, end, upper) }
        if let end = blobEnd(chars, i, upper) { i = skipSpaces(chars, end, upper) }
        guard i < upper, chars[i] == ":" || chars[i] == "：" else { return nil }
        return skipSpaces(chars, i + 1, upper)
    }

    /// The new start after one leading `[blob]`, when something is left after it.
    /// - SeeAlso: RFC 5256 §2.1 step 4
    static func stripBlob(_ chars: [Character], _ lower: Int, _ upper: Int) -> Int? {
        guard let end = blobEnd(chars, skipSpaces(chars, lower, upper), upper) else { return nil }
        let rest = skipSpaces(chars, end, upper)
        return rest < upper ? rest : nil
    }

    /// Whether the text is `[fwd: inner]`.
    /// - SeeAlso: RFC 5256 §2.1 step 6 (subj-fwd-hdr, subj-fwd-trl)
    static func unwrapsForward(_ chars: [Character], _ lower: Int, _ upper: Int) -> Bool {
        upper - lower > header.count && chars[upper - 1] == "]" && matches(chars, lower, header)
    }

    static func matches(_ chars: [Character], _ at: Int, _ pattern: [Character]) -> Bool {
        zip(chars[at...], pattern).allSatisfy { $0.lowercased() == $1.lowercased() }
    }

    /// The index after a `[blob]` starting at `i` (BLOBCHAR excludes `[` and `]`), or nil.
    static func blobEnd(_ chars: [Character], _ i: Int, _ upper: Int) -> Int? {
        guard i < upper, chars[i] == "[" else { return nil }
        var j = i + 1
        while j < upper {
            if chars[j] == "]" { return j + 1 }
            if chars[j] == "[" { return nil }
            j += 1
        }
        return nil
    }

    /// The index after a reply counter `[2]`, `(2)` or `^2` starting at `i`, or nil.
    static func counterEnd(_ chars: [Character], _ i: Int, _ upper: Int) -> Int? {
        guard i < upper else { return nil }
        let close: Character?
        switch chars[i] {
        case "[": close = "]"
        case "(": close = ")"
        case "^": close = nil
        default: return nil
        }
        var j = i + 1
        let digitsStart = j
        while j < upper, chars[j].isASCII, chars[j].isNumber { j += 1 }
        guard j > digitsStart else { return nil }
        guard let close else { return j }
        return j < upper && chars[j] == close ? j + 1 : nil
    }

    static func skipSpaces(_ chars: [Character], _ i: Int, _ upper: Int) -> Int {
        var i = i
        while i < upper, chars[i].isWhitespace { i += 1 }
        return i
    }
}
