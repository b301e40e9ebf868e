@testable import HelpdeskCore
import Testing

/// The byte-level fast paths of the line helpers agree with Character semantics.
@Suite struct ReplyTextTests {
    @Test func linesSplitOnEveryLineBreakKind() {
        #expect(ReplyText.lines("a\r\nb\rc\nd").map(String.init) == ["a", "b", "c", "d"])
        #expect(ReplyText.lines("完了\r\n\r\n€ x\n").map(String.init) == ["完了", "", "€ x"])
        #expect(ReplyText.lines("").isEmpty)
        #expect(ReplyText.lines("\n\n").map(String.init) == ["", ""])
    }

    @Test func trimmingDropsBlanksButNotAccentedSpaces() {
        #expect(ReplyText.trimmed("  word \t ") == "word")
        #expect(ReplyText.trimmed("\u{A0}mot\u{3000}") == "mot")
        // A space followed by a combining accent is one Character, not a blank: it stays.
        #expect(ReplyText.trimmed(" \u{301}é ") == " \u{301}é")
        #expect(ReplyText.trimmed("   ") == "")
        #expect(ReplyText.trimmed(" \u{FEFF}x\u{200B} ") == "x")
    }

    @Test func characterLimitWithoutCountingGraphemes() {
        #expect(ReplyText.hasAtMost("abc", characters: 3))
        #expect(!ReplyText.hasAtMost("abcd", characters: 3))
        #expect(ReplyText.hasAtMost("éé", characters: 2))
        #expect(ReplyText.hasAtMost("e\u{301}e\u{301}", characters: 2))
        #expect(!ReplyText.hasAtMost("你好吗", characters: 2))
    }

    @Test func mobileSignaturesOnLongAndShortLines() {
        let matcher = ReplySignatureMatcher()
        #expect(matcher.isMobileSignature("Sent from my iPhone"))
        #expect(matcher.isMobileSignature("Get [Outlook for Android](https://aka.ms/ghei36)"))
        #expect(matcher.isMobileSignature("<Sent from mobile device with a rather long tail of words here, ok>"))
        #expect(!matcher.isMobileSignature("Sent from the admin panel, the export failed again and again for every user we have"))
        #expect(matcher.isMobileSignature("Von meinem iPhone gesendet"))
        #expect(matcher.isMobileSignature("Typed on a tiny keyboard, sent from mobile") == false)
        #expect(matcher.isMobileSignature("Typed badly, from mobile"))
    }
}
