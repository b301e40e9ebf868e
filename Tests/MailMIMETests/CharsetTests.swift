import Testing
@testable import MailMIME

@Suite struct CharsetTests {
    @Test(arguments: [
        ("utf-8", "Grüße ✓"), ("us-ascii", "plain"), ("iso-8859-1", "café"), ("ISO-8859-2", "Łódź"),
        ("iso-8859-15", "€uro"), ("windows-1251", "Привет"), ("windows-1252", "\u{201C}q\u{201D}"),
        ("koi8-r", "Привет"), ("koi8-u", "Ґанок"), ("gb2312", "中文"), ("gbk", "中文"), ("big5", "中文"),
        ("shift_jis", "日本語"), ("euc-jp", "日本語"), ("iso-2022-jp", "日本語"), ("euc-kr", "한국어"),
        ("utf-7", "Hi Mom -☺-!"),
    ])
    func decodesViaIconvRoundTrip(label: String, text: String) {
        // Encode with iconv in the other direction, then decode through our path.
        let bytes = encode(text, to: Charset.canonicalName(label))
        #expect(bytes != nil)
        let d = Charset.decode(bytes![...], label: label)
        #expect(d.text == text)
        #expect(d.problem == nil)
    }

    @Test func fallbackChain() {
        let utf8 = Array("Grüße".utf8)[...]
        let lying = Charset.decode(utf8, label: "us-ascii")
        #expect(lying.text == "Grüße")
        #expect(lying.problem == "charset.mismatch")
        let unknown = Charset.decode(utf8, label: "x-unknown-charset-42")
        #expect(unknown.text == "Grüße")
        #expect(unknown.problem == "charset.unknown")
        let latin: ArraySlice<UInt8> = [0x63, 0x61, 0x66, 0xE9, 0x80][...]
        let cp = Charset.decode(latin, label: "utf-8")
        #expect(cp.text == "café€")
        #expect(cp.usedCharset == "WINDOWS-1252")
        let undefined: ArraySlice<UInt8> = [0x41, 0x81][...]
        #expect(Charset.decode(undefined, label: "utf-8").usedCharset == "ISO-8859-1")
        let badSJIS: ArraySlice<UInt8> = [0x82][...]
        #expect(Charset.decode(badSJIS, label: "shift_jis").problem == "charset.mismatch")
    }

    private func encode(_ s: String, to charset: String) -> [UInt8]? {
        // Test helper: iconv from UTF-8, reusing the decoder by swapping directions is not possible,
        // so use a tiny local conversion.
        IconvTestEncoder.encode(s, to: charset)
    }
}
