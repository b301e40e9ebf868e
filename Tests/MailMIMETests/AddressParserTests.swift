import Testing
@testable import MailMIME

@Suite struct AddressParserTests {
    private func addrs(_ s: String) -> [MailAddress] { AddressParser.parse(s).addresses }

    @Test(arguments: [
        ("a@b.c", [MailAddress(name: nil, address: "a@b.c")]),
        ("<a@b.c>", [MailAddress(name: nil, address: "a@b.c")]),
        ("John Doe <j@x.org>", [MailAddress(name: "John Doe", address: "j@x.org")]),
        ("\"Doe, John\" <j@x.org>, b@y.org", [MailAddress(name: "Doe, John", address: "j@x.org"),
                                               MailAddress(name: nil, address: "b@y.org")]),
        ("j@x.org (John Doe)", [MailAddress(name: "John Doe", address: "j@x.org")]),
        ("John (the man) Doe <j@x.org>", [MailAddress(name: "John Doe", address: "j@x.org")]),
        ("undisclosed-recipients:;", []),
        ("Team: a@b.c, C <c@d.e>;, z@y.x", [MailAddress(name: nil, address: "a@b.c"), MailAddress(name: "C", address: "c@d.e"),
                                          MailAddress(name: nil, address: "z@y.x")]),
        ("=?utf-8?q?J=C3=B6rg?= <j@x.de>", [MailAddress(name: "Jörg", address: "j@x.de")]),
        ("\"=?utf-8?q?J=C3=B6rg?=\" <j@x.de>", [MailAddress(name: "Jörg", address: "j@x.de")]),
        ("Mary Smith <@route.example:mary@x.net>", [MailAddress(name: "Mary Smith", address: "mary@x.net")]),
        ("\"very odd\"@example.com", [MailAddress(name: nil, address: "\"very odd\"@example.com")]),
        ("Doe, John <j@x.org>", [MailAddress(name: "Doe, John", address: "j@x.org")]),
        ("a@b.c,, ,d@e.f", [MailAddress(name: nil, address: "a@b.c"), MailAddress(name: nil, address: "d@e.f")]),
        ("john@x.com <john@x.com>", [MailAddress(name: "john@x.com", address: "john@x.com")]),
        ("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
         [MailAddress(name: "Pete", address: "pete@silly.test")]),
    ])
    func parses(input: String, expected: [MailAddress]) {
        #expect(addrs(input) == expected)
    }

    @Test(arguments: ["", "<", ">", "<<>>", "\"unterminated", "(((", "a@", "@", ":;:;,,", "\u{0}\u{1}", "Name <a@b",
                      String(repeating: "(", count: 5000), String(repeating: "a@b,", count: 2000)])
    func brokenInputNeverCrashes(input: String) {
        _ = AddressParser.parse(input)
    }

    @Test func formatted() {
        #expect(MailAddress(name: nil, address: "a@b.c").formatted == "a@b.c")
        #expect(MailAddress(name: "Ann Lee", address: "a@b.c").formatted == "\"Ann Lee\" <a@b.c>")
        #expect(MailAddress(name: "Lee, \"Ann\"", address: "a@b.c").formatted == "\"Lee, \\\"Ann\\\"\" <a@b.c>")
        let f = MailAddress(name: "Jörg Müller", address: "j@x.de").formatted
        #expect(f.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(AddressParser.parse(f).addresses == [MailAddress(name: "Jörg Müller", address: "j@x.de")])
        #expect(MailAddress(name: "Evil\r\nBcc: x@y", address: "a@b.c").formatted == "\"Evil Bcc: x@y\" <a@b.c>")
    }
}
