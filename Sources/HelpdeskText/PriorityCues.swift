/// Ticket priority (`low|normal|high|urgent`, docs/cli.md#identifiers-and-states) from urgency cues in the text.
///
/// Terms are the tokenizer's (CJK cues are therefore one or two characters).
/// Strong cues (`urgent`, `asap`, `emergency`, `outage`, 紧急, 至急, 緊急, 긴급, …) count 2, weaker ones
/// (`down`, `not working`, `broken`, `immediately`, 急, すぐ, …) count 1, exclamation marks 1 (2 for
/// `!!`). 3 or more is `urgent`, 2 `high`; a calm cue (`no rush`, `not urgent`, 不急, …) without
/// stronger ones is `low`; everything else `normal`.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    case low, normal, high, urgent

    public static func < (a: Priority, b: Priority) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum PriorityCues {
    static let strong: Set<String> = [
        "urgent", "urgently", "asap", "emergency", "outage", "critical", "dringend", "urgente", "urgence",
        "срочно", "紧急", "緊急", "至急", "火急", "긴급",
    ]
    static let weak: Set<String> = [
        "immediately", "down", "broken", "crashed", "crash", "crashing", "outages", "production", "hacked",
        "fraud", "stolen", "sofort", "immediatement", "inmediatamente", "急", "尽快", "马上", "立即", "立刻", "すぐ",
        "早急", "故障", "宕机", "无法", "빨리",
    ]
    static let weakBigrams: Set<String> = [
        "not working", "doesnt work", "dont work", "isnt working", "stopped working", "cant login",
        "cannot login", "cant access", "cannot access", "right now", "right away", "as soon",
    ]
    static let calm: Set<String> = ["no rush", "not urgent", "no hurry", "whenever", "fyi", "不急"]

    public static func score(_ text: String) -> (score: Int, calm: Bool) {
        score(tokens: TextTokenizer.tokenize(text), raw: text)
    }

    public static func score(tokens: [TextToken], raw: String) -> (score: Int, calm: Bool) {
        var score = 0
        var isCalm = false
        var seen = Set<String>()
        var previous: String?
        for token in tokens {
            let text = token.text
            if let previous {
                let pair = previous + " " + text
                if Self.calm.contains(pair) { isCalm = true }
                if weakBigrams.contains(pair), seen.insert(pair).inserted { score += 1 }
            }
            if Self.calm.contains(text) { isCalm = true }
            if strong.contains(text), seen.insert(text).inserted, previous != "not" { score += 2 }
            if weak.contains(text), seen.insert(text).inserted { score += 1 }
            previous = token.kind == .cjk ? nil : text
        }
        // 急 is also inside 紧急/至急 (already counted) and 不急 (calm): count it only on its own.
        if seen.contains("急"), isCalm || seen.contains(where: { $0.count == 2 && $0.contains("急") && strong.contains($0) }) {
            score -= 1
        }
        let bangs = raw.unicodeScalars.filter { $0 == "!" || $0 == "！" }.count
        if raw.contains("!!") || raw.contains("！！") { score += 2 } else if bangs > 0 { score += 1 }
        return (score, isCalm)
    }

    public static func priority(_ text: String) -> Priority {
        priority(tokens: TextTokenizer.tokenize(text), raw: text)
    }
}
