import Foundation

/// Decides whether a customer's reply to a KB auto-answer says the article solved the problem.
///
/// Rules over the first 400 characters of the reply's new text (quotes already trimmed), case- and accent-folded, in English,
/// Chinese, German, French, Spanish and Japanese. A negative cue anywhere wins ("not solved",
/// "didn't help", "没解决", "解決しません"), and a positive cue counts only without a negator in the
/// few words before it ("it is not fixed", "n'est pas résolu"). Anything else is "not solved", so a
/// person takes over.
public enum SolvedReplyDetector {
    public static func isSolved(_ text: String) -> Bool {
        // The answer to "did it help?" comes first; further down may be an unquoted copy of our own
        // mail ('reply with "solved"') when a client's quoting was not recognised.
        let folded = fold(String(text.prefix(400)))
        if negatives.contains(where: { folded.contains($0) }) { return false }
        for cue in positives {
            var search = folded.startIndex..<folded.endIndex
            while let hit = folded.range(of: cue, range: search) {
                if !negated(folded, before: hit.lowerBound), !partOfWord(folded, hit) { return true }
                search = hit.upperBound..<folded.endIndex
            }
        }
        return false
    }

    static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{2019}", with: "'")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// A Latin-script cue must start a word (`unsolved` is not `solved`).
    static func partOfWord(_ text: String, _ hit: Range<String.Index>) -> Bool {
        guard hit.lowerBound > text.startIndex, let first = text[hit].unicodeScalars.first, first.value < 0x80 else { return false }
        let before = text[text.index(before: hit.lowerBound)]
        return before.isLetter
    }

    /// A negator among the three words before a cue.
    static func negated(_ text: String, before index: String.Index) -> Bool {
        let window = text[..<index].split(whereSeparator: { !$0.isLetter && $0 != "'" }).suffix(3)
        return window.contains { word in
            negators.contains(String(word)) || word.hasSuffix("n't") || word.hasPrefix("n'")
        }
    }

    static let negators: Set<String> = [
        "not", "never", "no", "nor", "hardly", "isnt", "wasnt", "didnt", "doesnt", "hasnt", "havent", "arent", "wont",
        "nicht", "kein", "keine", "nie", "noch", "pas", "ne", "jamais", "non", "nunca", "tampoco", "sin",
    ]

    static let negatives: [String] = [
        // English
        "unsolved", "unresolved", "not solved", "not resolved", "not fixed", "not answered", "didn't help",
        "didnt help", "did not help", "does not help", "doesn't help", "doesnt help", "no help", "not help",
        "didn't work", "didnt work", "did not work", "doesn't work", "doesnt work", "does not work", "not working",
        "still not", "still doesn't", "still broken", "still have", "still having", "still getting", "still can't",
        "no luck", "not really", "not quite",
        // German
        "nicht gelost", "ungelost", "nicht geholfen", "funktioniert nicht", "funktioniert immer noch nicht",
        "nicht behoben", "noch nicht", "immer noch", "hilft nicht", "klappt nicht",
        // French
        "pas resolu", "non resolu", "ne marche pas", "ne fonctionne pas", "pas aide", "toujours pas",
        "pas regle", "ne m'a pas", "n'a pas",
        // Spanish
        "no resuelto", "no esta resuelto", "no se ha resuelto", "no se resolvio", "no funciona", "no me ayudo",
        "no me sirvio", "no sirvio", "sigue sin", "todavia no", "no solucionado", "no se soluciono", "sin resolver",
        // Chinese
        "没解决", "没有解决", "未解决", "不能解决", "无法解决", "没能解决", "沒解決", "沒有解決", "未解決",
        "没用", "没有用", "没帮助", "没有帮助", "沒有幫助", "不行", "还是不", "仍然不", "依然不", "还没",
        // Japanese
        "解決しません", "解決しない", "解決していません", "解決できません", "解決できない", "解決されていません",
        "直りません", "直らない", "できません", "役に立ちません", "役に立たない", "役に立ちませんでした",
        "だめ", "ダメ", "まだ",
    ]

    static let positives: [String] = [
        // English
        "solved", "resolved", "fixed", "that worked", "this worked", "it worked", "it works", "works now",
        "working now", "that helped", "this helped", "it helped", "answered my question", "all good", "sorted",
        "problem is gone", "that did it", "that did the trick",
        // German
        "gelost", "erledigt", "hat geholfen", "funktioniert jetzt", "funktioniert wieder", "behoben", "klappt jetzt",
        // French
        "resolu", "ca marche", "ca fonctionne", "regle", "ca m'a aide", "c'est bon",
        // Spanish
        "resuelto", "solucionado", "funciona", "me ayudo", "me sirvio", "se resolvio", "se soluciono",
        // Chinese
        "解决了", "已解决", "解决啦", "問題解決", "问题解决", "已經解決", "已经解决", "解決了", "搞定", "好了",
        "有用", "有帮助", "有幫助", "可以了",
        // Japanese
        "解決しました", "解決です", "解決済み", "直りました", "できました", "助かりました", "解決",
    ]
}
