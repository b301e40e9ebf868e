import HelpdeskText
import Testing

@Suite struct TextTokenizerTests {
    func texts(_ s: String) -> [String] { TextTokenizer.tokenize(s).map(\.text) }

    @Test(arguments: [
        ("Hello, World!", ["hello", "world"]),
        ("Café CRÈME brûlée", ["cafe", "creme", "brulee"]),
        ("Straße", ["strasse"]),
        ("don't DON’T", ["dont", "dont"]),
        ("ＯＲＤＥＲ１２３", ["order123"]),
        ("Ошибка оплаты", ["ошибка", "оплаты"]),
        ("e-mail", ["e", "mail"]),
    ])
    func foldsWords(_ input: String, _ expected: [String]) {
        #expect(texts(input) == expected)
    }

    @Test func longDigitRunsBecomeOneNumberToken() {
        let tokens = TextTokenizer.tokenize("cancel purchase 113542617735902 and order 00004587345, not 404 or 3.5")
        #expect(tokens.map(\.text) == ["cancel", "purchase", "<num>", "and", "order", "<num>", "not", "404", "or", "3.5"])
        #expect(tokens[2].kind == .number)
        #expect(tokens[7].kind == .number)
        #expect(texts("tracking 1Z999AA10123456784") == ["tracking", "<num>"])
        #expect(texts("1,000") == ["1000"])
    }

    @Test func urlsAndAddressesAreSingleTokens() {
        let tokens = TextTokenizer.tokenize("See https://Shop.Example.com/orders?id=7&x=1. Mail Ana.Lopez+shop@Example.co.uk, or (www.example.org)")
        #expect(tokens.map(\.text) == ["see", "https://shop.example.com/orders?id=7&x=1", "mail",
                                       "ana.lopez+shop@example.co.uk", "or", "www.example.org"])
        #expect(tokens.map(\.kind) == [.word, .url, .word, .email, .word, .url])
        #expect(tokens[1].feature == "<url>")
        #expect(tokens[3].feature == "<email>")
        #expect(texts("email:bob@example.com") == ["email", "bob@example.com"])
        #expect(texts("user@localhost") == ["user", "localhost"])
    }

    @Test func chineseAndJapaneseGiveUnigramsAndBigrams() {
        #expect(texts("退款申请") == ["退", "退款", "款", "款申", "申", "申请", "请"])
        let japanese = TextTokenizer.tokenize("注文をキャンセル")
        #expect(japanese.map(\.text) == ["注", "注文", "文", "文を", "を", "をキ", "キ", "キャ", "ャ", "ャン", "ン", "ンセ", "セ", "セル", "ル"])
        #expect(japanese.allSatisfy { $0.kind == .cjk })
        // Punctuation ends a run: no bigram across 。
        #expect(texts("你好。谢谢") == ["你", "你好", "好", "谢", "谢谢", "谢"])
        #expect(texts("환불 요청") == ["환", "환불", "불", "요", "요청", "청"])
    }

    @Test func mixedScriptSwitchesPerScalar() {
        #expect(texts("我的iPhone坏了") == ["我", "我的", "的", "iphone", "坏", "坏了", "了"])
        #expect(texts("見てhttps://x.jp/a。") == ["見", "見て", "て", "https://x.jp/a"])
        #expect(texts("订单号12345678请查") == ["订", "订单", "单", "单号", "号", "<num>", "请", "请查", "查"])
    }

    @Test func emptyAndSymbolOnlyTextGiveNothing() {
        #expect(texts("").isEmpty)
        #expect(texts("  --- !!! ...  ").isEmpty)
    }
}
