/// Recognises the lines that end or decorate the new part of a reply without being part of it:
/// separator lines (`-- `, `____`, `***` …) and one-line mobile signatures ("Sent from my iPhone",
/// `从我的 iPhone 发送`, "Von meinem iPhone gesendet", "Envoyé de mon iPhone" …).
/// - SeeAlso: RFC 3676 §4.3 (the `-- ` signature separator line)
struct ReplySignatureMatcher: Sendable {
    /// Characters a separator line may consist of.
    private static let separatorCharacters: Set<Character> = ["-", "_", "=", "*", "~", "#", "+", "—", "–", "ᐧ"]
    /// Single characters that are a separator on their own (Gmail's tracking mark, an em dash).
    private static let singleSeparators: Set<Character> = ["—", "ᐧ"]

    /// Phrases that make a short line a signature on their own (lowercased).
    private static let signaturePrefixes: [String] = [
        "get outlook for ", "envoyé de mon ", "envoye de mon ", "von meinem ", "gesendet von meinem ",
        "diese nachricht wurde von meinem ", "enviado do meu ", "enviado de mi ", "inviato dal mio ",
        "从我的", "從我的", "发自我的", "來自我的", "来自我的", "iphoneから送信", "ipadから送信", "androidから送信",
    ]
    /// "Sent from …"-style phrases that need a possessive or a device/app name after them, so that
    /// "Sent from the admin panel, the export failed" stays text.
    private static let sentPrefixes: [String] = [
        "sent from ", "sent via ", "sent with ", "sent using ", "sent by ", "sent on ", "envoyé depuis ",
        "envoye depuis ", "envoyé avec ", "gesendet mit ", "verzonden met ", "verzonden vanaf ", "verstuurd vanaf ",
        "verstuurd met ", "sendt fra ", "skickat från ", "lähetetty ", "enviado desde ", "enviado com ",
        "enviado con ", "inviato da ", "wysłane z ", "odesláno z ", "отправлено с ", "отправлено из ", "надіслано з ",
    ]
    /// The phrases by first byte, in the order they are tried: signature phrases, then the ones that
    /// need a device after them, then "from my ".
    private static let phrasesByFirstByte: [UInt8: [(String, Bool)]] = Dictionary(grouping:
        signaturePrefixes.map { ($0, false) } + sentPrefixes.map { ($0, true) } + [("from my ", true)],
        by: { $0.0.utf8.first! })

    /// Whether the ASCII text `s` starts with one of the phrases, ASCII case ignored (no copy).
    private static func startsWithPhraseIgnoringASCIICase(_ s: Substring) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let candidates = phrasesByFirstByte[first | 0x20] else { return false }
            return candidates.contains { phrase, _ in
                let p = phrase.utf8
                guard p.count <= bytes.count else { return false }
                return zip(p, bytes).allSatisfy { want, have in
                    want == have || (have >= 0x41 && have <= 0x5A && want == have | 0x20)
                }
            }
        } ?? true
    }

    /// The first phrase `lower` starts with, and whether it needs a device name after it.
    private static func phrase(startingWith lower: String) -> (String, Bool)? {
        guard let first = lower.utf8.first, let candidates = phrasesByFirstByte[first] else { return nil }
        return candidates.first { lower.hasPrefix($0.0) }
    }
    private static let possessives: Set<String> = [
        "my", "mi", "mijn", "min", "mitt", "mio", "mia", "meu", "minha", "mon", "ma", "meinem", "mein", "mój",
        "mojego", "mého", "моего", "мого", "mobile",
    ]
    /// Device and mail-app names (prefixes of the word after the phrase).
    private static let devices: [String] = [
        "iphone", "ipad", "ipod", "android", "mobile", "phone", "cell", "samsung", "galaxy", "blackberry", "htc",
        "nokia", "pixel", "tablet", "huawei", "xiaomi", "outlook", "windows", "mail", "yahoo", "airmail", "gmail",
        "spark", "proton", "zoho", "aol", "bluemail", "k-9", "edison", "aqua", "fastmail", "superhuman", "gmx",
        "device", "smartphone", "телефон", "iphone", "móvil", "movil", "celular", "handy", "telefoon", "portable",
    ]

    /// `-- `, `--`, `____`, `====`, `***`, `~~~`, `####` … (two or more of the same kind of mark).
    func isSeparator(_ line: Substring) -> Bool {
        let trimmed = ReplyText.trimmed(line)
        guard let first = trimmed.utf8.first else { return false }
        // Every separator character is punctuation: an ASCII letter or digit decides at once.
        if ReplyText.isASCIIAlphanumeric(first) { return false }
        var count = 0
        for ch in trimmed {
            guard Self.separatorCharacters.contains(ch) else { return false }
            count += 1
        }
        return count >= 2 || Self.singleSeparators.contains(trimmed.first!)
    }

    /// The words after "Sent from" name the writer's own device or a mail app.
    private func namesDevice(_ rest: Substring) -> Bool {
        var words = rest.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" })[...]
        while let w = words.first, w == "a" || w == "an" { words.removeFirst() }
        guard let word = words.first else { return false }
        if Self.possessives.contains(String(word)) { return true }
        return Self.devices.contains { word.hasPrefix($0) }
    }

    /// The RFC 3676 signature separator `-- ` (also without the trailing space, as clients often strip it).
    func isSignatureDashes(_ line: Substring) -> Bool {
        ReplyText.trimmed(line) == "--"
    }

    /// A short line such as "Sent from my iPhone", "(Sent from mobile device)", "<<sent by galaxy>>",
    /// "Get [Outlook for Android](…)", `從我的 iPhone 傳送`, "Von meinem Mobilgerät gesendet".
    func isMobileSignature(_ line: Substring) -> Bool {
        var core = ReplyText.trimmed(line)
        // utf8.count is O(1); count walks graphemes, so it only runs on short lines.
        guard !core.isEmpty, core.utf8.count <= 480, ReplyText.hasAtMost(core, characters: 120) else { return false }
        // Brackets are ASCII: a byte test first, Characters only when there is one.
        if let b = core.utf8.first, b == 0x3C || b == 0x28 || b == 0x5B {
            while let f = core.first, "<([".contains(f) { core.removeFirst() }
        }
        if let b = core.utf8.last, b == 0x3E || b == 0x29 || b == 0x5D {
            while let l = core.last, ">)]".contains(l) { core.removeLast() }
        }
        // Cheap reject: an ASCII first letter that starts none of the phrases, on a line too long
        // for the short "… from mobile" rule.
        let bytes = core.utf8.count
        let ascii = bytes <= 160 && ReplyText.firstBytes(of: core, bytes, allSatisfy: { $0 < 0x80 })
        let tooLongForSuffixRule = bytes > 160 || (bytes > 40 && ascii)
        // ("[" may open "[Outlook …" once the brackets are removed below.)
        if let b = core.utf8.first, b < 0x80, tooLongForSuffixRule, b != 0x5B, Self.phrasesByFirstByte[b | 0x20] == nil {
            return false
        }
        // A long ASCII line is decided on its lowercased head first: every phrase is shorter than 40
        // bytes, and most lines start with none.
        if tooLongForSuffixRule, bytes > 64, ascii, !core.containsBytes("[") {
            guard Self.startsWithPhraseIgnoringASCIICase(core) else { return false }
        }
        var lower = core.lowercased()
        if lower.containsBytes("[") { lower.removeAll { $0 == "[" || $0 == "]" } }
        if let (prefix, needsDevice) = Self.phrase(startingWith: lower) {
            return !needsDevice || namesDevice(lower.dropFirst(prefix.count))
        }
        if ReplyText.hasAtMost(Substring(lower), characters: 40), lower.hasSuffix(" from mobile") || lower.hasSuffix(" from my phone") {
            return true
        }
        return false
    }
}
