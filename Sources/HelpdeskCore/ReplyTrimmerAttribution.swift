/// Recognises the attribution line a mail client writes above a quoted message — "On <date>, <who>
/// wrote:" and its translations — also when the client wrapped it over several lines.
/// Covers EN, DE, FR, ES, IT, NL, PT, PL, RU, UK, Nordic (skrev), CS, TR, ZH (`在 … 写道`), JA, KO and
/// Gmail's language-neutral `2016-03-03 17:21 GMT+01:00 Name <addr>:` form. Returns a language code.
/// - SeeAlso: RFC 3676 §4.5 (quoting), docs/design.md#reply-trimming
struct ReplyAttributionMatcher: Sendable {
    /// (verb a header ends with, language). Lowercased; longest variants first.
    private static let endingVerbs: [(String, String)] = [
        ("wrote", "en"), ("schrieb", "de"), ("geschrieben", "nl"), ("a écrit", "fr"), ("écrit", "fr"),
        ("escribió", "es"), ("escribio", "es"), ("ha scritto", "it"), ("scritto", "it"), ("schreef", "nl"),
        ("escreveu", "pt"), ("napisał(a)", "pl"), ("napisała", "pl"), ("napisał", "pl"),
        ("написал(а)", "ru"), ("написала", "ru"), ("написал", "ru"), ("пишет", "ru"), ("написав", "uk"),
        ("пише", "uk"), ("skrev", "nordic"), ("napsal", "cs"), ("napsala", "cs"), ("yazdı", "tr"),
        ("写道", "zh"), ("寫道", "zh"), ("書きました", "ja"), ("のメール", "ja"), ("작성", "ko"),
    ]
    /// Verbs that may sit inside the header ("Am … schrieb X <a@b>:", "X <a@b> schrieb am … Uhr:").
    private static let innerVerbs: [(String, String)] = [
        (" schrieb ", "de"), (" skrev ", "nordic"), (" schreef ", "nl"), (" wrote ", "en"),
        (" escribió ", "es"), (" a écrit ", "fr"),
    ]
    /// Words a client starts the attribution with (lowercased, followed by a space).
    private static let startWords: [String] = [
        "on ", "at ", "am ", "le ", "el ", "il ", "op ", "em ", "den ", "dnia ", "w dniu ", "no dia ", "dne ",
    ]
    private static let decoration: Set<Character> = ["-", "*", "_", "=", " ", "\t", "\u{A0}"]

    /// Language code when `text` (one or more joined lines) is an attribution header.
    func language(of text: String) -> String? {
        guard Self.mayBeHeader(text), text.utf8.count <= 1280, text.count <= 320 else { return nil }
        var core = Substring(text)
        var decorated = false
        while let f = core.first, Self.decoration.contains(f) { core.removeFirst(); decorated = decorated || f != " " }
        while let l = core.last, Self.decoration.contains(l) { core.removeLast(); decorated = decorated || l != " " }
        var hadColon = false
        if let l = core.last, l == ":" || l == "：" {
            hadColon = true
            core.removeLast()
            core = ReplyText.trimmed(core)
        }
        guard !core.isEmpty else { return nil }
        let lower = core.lowercased()
        let hasDigit = lower.utf8.contains { $0 >= 48 && $0 <= 57 } || lower.contains { !$0.isASCII && $0.isNumber }
        let hasAt = lower.containsBytes("@")
        if hadColon || decorated {
            for (verb, lang) in Self.endingVerbs where lower.hasSuffix(verb) {
                let before = lower.dropLast(verb.count).last
                let boundary = before == nil || before == " " || before == "\u{A0}" || before == ">" || before == ","
                    || lang == "zh" || lang == "ja" || lang == "ko"
                if boundary, hasDigit || hasAt { return lang }
            }
        }
        if hadColon, hasDigit {
            let starts = startsWithStartWord(lower)
            for (verb, lang) in Self.innerVerbs where lower.containsBytes(verb) && (starts || hasAt) { return lang }
        }
        if hadColon, hasAt, lower.hasSuffix(">"), hasTime(lower) { return lower.containsBytes("年") ? "ja" : "date" }
        if startsWithDate(lower) {
            if lower.containsBytes("gmt") { return lower.containsBytes("年") ? "ja" : "date" }
            if hasAt, hadColon || lower.hasSuffix(">") { return lower.containsBytes("年") ? "ja" : "date" }
        }
        return nil
    }

    /// Byte-level pre-check with the same outcome as the rules below for everything they reject: a
    /// header ends with a colon (ASCII or full-width), `>` or decoration, starts with decoration, or
    /// starts with a four-digit year. Most lines of a mail are none of these and stop here.
    static func mayBeHeader(_ text: String) -> Bool { mayBeHeader(Substring(text)) }

    static func mayBeHeader(_ text: Substring) -> Bool {
        let bytes = text.utf8
        // A tab at either end counts as decoration in `language(of:)`.
        if bytes.first == 0x09 || bytes.last == 0x09 { return true }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        if first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D || (first >= 0x30 && first <= 0x39) || first >= 0x80 {
            return true
        }
        guard let last = bytes.last(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        // ':' '>' '-' '*' '_' '=' , or the last byte of a multi-byte character (full-width colon, NBSP).
        return last == 0x3A || last == 0x3E || last == 0x2D || last == 0x2A || last == 0x5F || last == 0x3D || last >= 0x80
    }

    /// Whether a line ends the way a wrapped header's last line can (colon, full-width colon, `>`).
    static func mayEndHeader(_ line: Substring) -> Bool {
        guard let last = line.utf8.last(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return false }
        return last == 0x3A || last == 0x3E || last >= 0x80 || last == 0x2D || last == 0x2A || last == 0x5F || last == 0x3D
    }

    /// Whether a line may begin an attribution that continues on the following lines.
    func mayStartWrappedHeader(_ line: Substring) -> Bool {
        let t = ReplyText.trimmed(line)
        guard let first = t.first, t.utf8.count <= 800, t.count <= 200 else { return false }
        let lower = t.lowercased()
        let endsSentence = t.last.map { ".!?".contains($0) } ?? false
        // Cheap starts first; the verb scan (dozens of phrases) only when they do not decide.
        if !endsSentence, first.isNumber || first == "在" || first == "-" || startsWithStartWord(lower) { return true }
        return Self.endingVerbs.contains { lower.containsBytes($0.0) }
    }

    func startsWithStartWord(_ lower: String) -> Bool {
        Self.startWords.contains { lower.hasPrefix($0) } || lower.hasPrefix("在")
    }

    /// Contains a clock time such as `9:15` or `17:48`.
    private func hasTime(_ lower: String) -> Bool {
        var digitsBefore = 0
        var afterColon = false
        for c in lower.unicodeScalars {
            if c.isASCII, c.value >= 48, c.value <= 57 {
                if afterColon { return true }
                digitsBefore += 1
            } else if c == ":", digitsBefore >= 1, digitsBefore <= 2 {
                afterColon = true
            } else {
                digitsBefore = 0
                afterColon = false
            }
        }
        return false
    }

    /// `2016-03-03 …`, `2013/7/20 …`, `2016年2月8日 …`.
    private func startsWithDate(_ lower: String) -> Bool {
        var digits = 0
        var it = lower.makeIterator()
        while let c = it.next() {
            if c.isASCII, c.isNumber { digits += 1; continue }
            guard digits == 4, c == "-" || c == "/" || c == "." || c == "年" else { return false }
            guard let n = it.next(), n.isASCII, n.isNumber else { return false }
            return true
        }
        return false
    }
}
