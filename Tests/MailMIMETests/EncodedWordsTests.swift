import Testing
@testable import MailMIME

@Suite struct EncodedWordsTests {
    @Test(arguments: [
        ("=?utf-8?B?Y2Fmw6k=?=", "café"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a?=\r\n  =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a_b?=", "a b"),
        ("=?ISO-8859-1?Q?a?= b", "a b"),
        ("a =?ISO-8859-1?Q?b?=", "a b"),
        ("=?utf-8*en?q?hi?=", "hi"),
        ("Re: [#42] =?windows-1252?Q?=93quoted=94?=", "Re: [#42] \u{201C}quoted\u{201D}"),
        ("=?utf-8?B?4pyT?= =?utf-8?B?IGRvbmU=?=", "✓ done"),
        // A UTF-8 sequence split across two words.
        ("=?utf-8?B?4pw=?= =?utf-8?B?kw==?=", "\u{2713}"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
        ("=?iso-2022-jp?B?GyRCJUYlOSVIGyhC?=", "テスト"),
        ("=?gb2312?B?1tDOxA==?=", "中文"),
        ("no words here", "no words here"),
    ])
    func decodes(input: String, expected: String) {
        #expect(EncodedWords.decode(input) == expected)
    }

    @Test func badWordsKeptVerbatimWithDefect() {
        let r = EncodedWords.decodeReportingDefects("=?utf-8?X?abc?= tail")
        #expect(r.text == "=?utf-8?X?abc?= tail")
        #expect(r.defects == ["encoded-word.invalid"])
        #expect(EncodedWords.decode("=?utf-8?q?unterminated") == "=?utf-8?q?unterminated")
        let unknown = EncodedWords.decodeReportingDefects("=?x-nonsense?q?caf=C3=A9?=")
        #expect(unknown.text == "café")
        #expect(unknown.defects == ["encoded-word.charset.unknown"])
    }

    @Test func encodeRoundTrips() {
        #expect(EncodedWords.encodeIfNeeded("plain ascii") == "plain ascii")
        let samples = ["Grüße aus Köln [#12]", String(repeating: "日本語のテキスト", count: 8), "a =?x?q?y?= b", "Re: ä ö"]
        for s in samples {
            let e = EncodedWords.encodeIfNeeded(s)
            #expect(e.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(e.split(separator: " ").allSatisfy { $0.count <= 75 })
            #expect(EncodedWords.decode(e) == s)
        }
        #expect(EncodedWords.encodeIfNeeded("Re: Grüße [#12]").hasPrefix("Re: =?UTF-8?B?"))
        #expect(EncodedWords.encodeIfNeeded("Re: Grüße [#12]").hasSuffix(" [#12]"))
    }
}
