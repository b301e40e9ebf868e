import HelpdeskKB
import Testing

@Suite struct KBTermsTests {
    @Test func cjkColumnHoldsBigrams() {
        #expect(KBTerms.cjkBigrams("退款申请") == "退款 款申 申请")
        #expect(KBTerms.cjkBigrams("パスワード") == "パス スワ ワー ード")
        // A lone character stays as a unigram; Latin words never reach the CJK column.
        #expect(KBTerms.cjkBigrams("refund 退 now") == "退")
    }

    @Test func wordColumnsHoldFoldedWords() {
        #expect(KBTerms.words("Café ORDER 1234567 https://x.example/a") == "cafe order https://x.example/a")
        #expect(KBTerms.words("发票") == "")
    }

    @Test func queryTermsDropStopWordsButNotEverything() {
        #expect(KBTerms.queryTerms("How do I cancel my order?") == ["cancel", "order"])
        #expect(KBTerms.queryTerms("how are you") == ["how", "are", "you"])
        #expect(KBTerms.queryTerms("发票金额") == ["发票", "票金", "金额"])
    }

    @Test func matchExpressionQuotesEveryTerm() {
        #expect(KBTerms.matchExpression(["a\"b", "OR"]) == "\"a\"\"b\" OR \"OR\"")
        #expect(KBTerms.matchExpression([]) == nil)
    }

    @Test func mailSegmentsAreSentences() {
        let parts = KBTerms.segments(subject: "Login", text: "Hello,\nsince today I cannot log in to my account. Thanks!\nパスワードの再設定メールが届きません。よろしく")
        #expect(parts.contains("since today I cannot log in to my account"))
        #expect(parts.contains("パスワードの再設定メールが届きません"))
        #expect(!parts.contains("Hello,"))
        #expect(!parts.contains("Login"))
    }
}
