import HelpdeskCore
import Testing

typealias AR = AuthenticationResults

func res(_ method: String, _ result: String, _ properties: [String: String] = [:], reason: String? = nil,
         version: String? = nil) -> AR.Result {
    AR.Result(method: method, methodVersion: version, result: result, reason: reason, properties: properties)
}

@Suite struct AuthenticationResultsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var header: String
        var expected: AR
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Gmail", header: """
            mx.google.com;\r
                   dkim=pass header.i=@example.com header.s=20230601 header.b=Ab1+/Cd2;\r
                   spf=pass (google.com: domain of alice@example.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=alice@example.com;\r
                   dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=example.com
            """, expected: AR(authservID: "mx.google.com", results: [
                res("dkim", "pass", ["header.i": "@example.com", "header.s": "20230601", "header.b": "Ab1+/Cd2"]),
                res("spf", "pass", ["smtp.mailfrom": "alice@example.com"]),
                res("dmarc", "pass", ["header.from": "example.com"]),
            ])),
        Case(name: "Gmail with ARC", header: """
            mx.google.com; arc=pass (i=1 spf=pass spfdomain=example.org dkim=pass dkdomain=example.org dmarc=pass fromdomain=example.org); spf=pass (google.com: domain of list@example.org designates 2a00:1450::1 as permitted sender) smtp.mailfrom=list@example.org
            """, expected: AR(authservID: "mx.google.com", results: [
                res("arc", "pass"), res("spf", "pass", ["smtp.mailfrom": "list@example.org"]),
            ])),
        Case(name: "Google 2015 (corpus ctype-bug.raw), smtp.mail", header: """
            mx.google.com;
                   spf=pass (google.com: domain of bounce-md_1@mandrill.papertrailapp.com designates 198.2.135.10 as permitted sender) smtp.mail=bounce-md_1@mandrill.papertrailapp.com;
                   dkim=pass header.i=@papertrailapp.com;
                   dkim=pass header.i=@mandrillapp.com
            """, expected: AR(authservID: "mx.google.com", results: [
                res("spf", "pass", ["smtp.mail": "bounce-md_1@mandrill.papertrailapp.com"]),
                res("dkim", "pass", ["header.i": "@papertrailapp.com"]),
                res("dkim", "pass", ["header.i": "@mandrillapp.com"]),
            ])),
        Case(name: "GMX (corpus 015.eml)", header: " gmx.net; dkim=pass header.i=@proxforge.de",
             expected: AR(authservID: "gmx.net", results: [res("dkim", "pass", ["header.i": "@proxforge.de"])])),
        Case(name: "Exchange Online, no authserv-id", header: """
            spf=pass (sender IP is 209.85.128.41) smtp.mailfrom=gmail.com; dkim=pass (signature was verified) header.d=gmail.com;dmarc=pass action=none header.from=gmail.com;compauth=pass reason=100
            """, expected: AR(authservID: "", results: [
                res("spf", "pass", ["smtp.mailfrom": "gmail.com"]),
                res("dkim", "pass", ["header.d": "gmail.com"]),
                res("dmarc", "pass", ["action": "none", "header.from": "gmail.com"]),
                res("compauth", "pass", reason: "100"),
            ])),
        Case(name: "Exchange Online, failing, stray domain", header: """
            spf=fail (sender IP is 192.0.2.9) smtp.mailfrom=contoso.com; contoso.com; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=contoso.com;compauth=fail reason=000
            """, expected: AR(authservID: "", results: [
                res("spf", "fail", ["smtp.mailfrom": "contoso.com"]),
                res("dkim", "none", ["header.d": "none"]),
                res("dmarc", "fail", ["action": "oreject", "header.from": "contoso.com"]),
                res("compauth", "fail", reason: "000"),
            ])),
        Case(name: "Microsoft with version", header: """
            mx.microsoft.com 1; spf=pass smtp.mailfrom=example.com; dmarc=pass action=none header.from=example.com; dkim=pass header.d=example.com; arc=none
            """, expected: AR(authservID: "mx.microsoft.com", version: 1, results: [
                res("spf", "pass", ["smtp.mailfrom": "example.com"]),
                res("dmarc", "pass", ["action": "none", "header.from": "example.com"]),
                res("dkim", "pass", ["header.d": "example.com"]), res("arc", "none"),
            ])),
        Case(name: "RFC 8601 B.2 none", header: "example.org 1; none",
             expected: AR(authservID: "example.org", version: 1, results: [])),
        Case(name: "none without version", header: "mx.example.com; none (no checks)",
             expected: AR(authservID: "mx.example.com", results: [])),
        Case(name: "RFC 8601 B.4 auth and spf", header: """
            example.com;\r\n    auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n    spf=pass smtp.mailfrom=example.net
            """, expected: AR(authservID: "example.com", results: [
                res("auth", "pass", ["smtp.auth": "sender@example.net"]),
                res("spf", "pass", ["smtp.mailfrom": "example.net"]),
            ])),
        Case(name: "RFC 8601 B.5 iprev", header: "example.com; iprev=pass policy.iprev=192.0.2.200",
             expected: AR(authservID: "example.com", results: [res("iprev", "pass", ["policy.iprev": "192.0.2.200"])])),
        Case(name: "RFC 8601 B.6 two signatures", header: """
            mail-router.example.net; dkim=pass (good signature) header.d=newyork.example.com header.b=oINEO8hg; dkim=fail (bad signature) header.d=newyork.example.com header.b=EToRSuvU
            """, expected: AR(authservID: "mail-router.example.net", results: [
                res("dkim", "pass", ["header.d": "newyork.example.com", "header.b": "oINEO8hg"]),
                res("dkim", "fail", ["header.d": "newyork.example.com", "header.b": "EToRSuvU"]),
            ])),
        Case(name: "RFC 8601 B.7 comments everywhere", header: """
            foo.example.net (foobar) 1 (baz); dkim (Because I like it) / 1 (One yay) = (wait for it) fail policy (A dot can go here) . (like that) expired (this surprised me) = (as I wasn't expecting it) 1362471462
            """, expected: AR(authservID: "foo.example.net", version: 1, results: [
                res("dkim", "fail", ["policy.expired": "1362471462"], version: "1"),
            ])),
        Case(name: "OpenDKIM (comment with ';')", header: """
            mail.example.org; dkim=pass (2048-bit key; unprotected) header.d=example.com header.i=@example.com header.a=rsa-sha256 header.s=mail header.b=Abc12345; dkim-atps=neutral
            """, expected: AR(authservID: "mail.example.org", results: [
                res("dkim", "pass", ["header.d": "example.com", "header.i": "@example.com", "header.a": "rsa-sha256",
                                     "header.s": "mail", "header.b": "Abc12345"]),
                res("dkim-atps", "neutral"),
            ])),
        Case(name: "policyd-spf trailing comment", header: """
            mail.example.org; spf=pass (sender SPF authorized) smtp.mailfrom=example.com (client-ip=192.0.2.1; helo=mx.example.com; envelope-from=alice@example.com; receiver=<UNKNOWN>)
            """, expected: AR(authservID: "mail.example.org", results: [res("spf", "pass", ["smtp.mailfrom": "example.com"])])),
        Case(name: "Yahoo, comment glued to result", header: """
            atlas-production.v2-mail-prod1-gq1.omega.yahoo.com; dkim=pass header.i=@gmail.com header.s=20210112; spf=pass smtp.mailfrom=gmail.com; dmarc=pass(p=NONE) header.from=gmail.com;
            """, expected: AR(authservID: "atlas-production.v2-mail-prod1-gq1.omega.yahoo.com", results: [
                res("dkim", "pass", ["header.i": "@gmail.com", "header.s": "20210112"]),
                res("spf", "pass", ["smtp.mailfrom": "gmail.com"]),
                res("dmarc", "pass", ["header.from": "gmail.com"]),
            ])),
        Case(name: "Fastmail", header: """
            mx3.messagingengine.com; dkim=pass (2048-bit rsa key sha256) header.d=example.com header.b=abcd1234 x-bits=2048; dmarc=pass policy.published-domain-policy=none (p=none,d=none,d.eval=none) header.from=example.com; iprev=pass smtp.remote-ip=192.0.2.1 (mail.example.com); spf=pass smtp.mailfrom=alice@example.com smtp.helo=mail.example.com
            """, expected: AR(authservID: "mx3.messagingengine.com", results: [
                res("dkim", "pass", ["header.d": "example.com", "header.b": "abcd1234", "x-bits": "2048"]),
                res("dmarc", "pass", ["policy.published-domain-policy": "none", "header.from": "example.com"]),
                res("iprev", "pass", ["smtp.remote-ip": "192.0.2.1"]),
                res("spf", "pass", ["smtp.mailfrom": "alice@example.com", "smtp.helo": "mail.example.com"]),
            ])),
        Case(name: "quoted values", header: """
            "mx.example.com"; dkim=pass reason="good signature; key ok" header.d=example.com; spf=pass smtp.mailfrom="john \\"j\\" smith"@example.com
            """, expected: AR(authservID: "mx.example.com", results: [
                res("dkim", "pass", ["header.d": "example.com"], reason: "good signature; key ok"),
                res("spf", "pass", ["smtp.mailfrom": "john \"j\" smith@example.com"]),
            ])),
        Case(name: "field name and upper case", header: "Authentication-Results: MX.EXAMPLE.COM; DKIM=PASS Header.D=Example.COM",
             expected: AR(authservID: "MX.EXAMPLE.COM", results: [res("dkim", "pass", ["header.d": "Example.COM"])])),
        Case(name: "unparseable resinfo skipped", header: "mx.example.com; dkim; spf=pass smtp.mailfrom=a.example; =pass; dmarc=",
             expected: AR(authservID: "mx.example.com", results: [res("spf", "pass", ["smtp.mailfrom": "a.example"])])),
        Case(name: "authserv-id only", header: "mx.example.com",
             expected: AR(authservID: "mx.example.com", results: [])),
        Case(name: "unclosed comment", header: "mx.example.com; dkim=pass (unclosed header.d=evil.example",
             expected: AR(authservID: "mx.example.com", results: [res("dkim", "pass")])),
    ]

    @Test(arguments: cases)
    func parses(_ test: Case) {
        #expect(AR(header: test.header) == test.expected)
    }

    @Test(arguments: ["", "   ", "(only a comment)", "\r\n\t", "; ;"])
    func nothingToRead(header: String) {
        #expect(AR(header: header) == nil)
    }

    @Test func propertyLookupIsCaseInsensitive() throws {
        let field = try #require(AR(header: "mx.example.com; dkim=pass header.d=example.com"))
        #expect(field.results.first?.property("Header.D") == "example.com")
        #expect(field.results.first?.property("header.i") == nil)
    }
}
