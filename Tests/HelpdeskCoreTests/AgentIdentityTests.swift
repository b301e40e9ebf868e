import HelpdeskCore
import Testing

@Suite struct AgentIdentityTests {
    static let trusted = "mx.example.net"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var from: String
        var headers: [String]
        var expected: Bool
        /// A piece the reason must contain, so `explain` says why.
        var because: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "dmarc pass", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=REJECT) header.from=example.com"],
             expected: true, because: "dmarc=pass"),
        Case(name: "dmarc pass without header.from", from: "Alice@Example.COM",
             headers: ["mx.example.net; dmarc=pass"], expected: true, because: "dmarc=pass"),
        Case(name: "dmarc pass for another From domain", from: "alice@example.com",
             headers: ["mx.example.net; dmarc=pass header.from=other.example"], expected: false, because: "no dmarc, dkim or spf pass"),
        Case(name: "dmarc fail beats aligned dkim", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=mail.example.com; dmarc=fail header.from=example.com"],
             expected: false, because: "dmarc=fail"),
        Case(name: "dkim pass, header.d equal", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=example.com header.s=s1; spf=softfail smtp.mailfrom=example.com"],
             expected: true, because: "dkim=pass with header.d=example.com"),
        Case(name: "dkim pass, header.d a subdomain", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=mail.example.com"], expected: true, because: "aligned"),
        Case(name: "dkim pass, header.d a parent", from: "alice@eu.example.com",
             headers: ["mx.example.net; dkim=pass header.d=example.com"], expected: true, because: "aligned"),
        Case(name: "dkim pass, header.d with trailing dot and case", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=Example.COM."], expected: true, because: "aligned"),
        Case(name: "dkim pass, header.i only (GMX)", from: "jonas@proxforge.de",
             headers: ["gmx.net; dkim=pass header.i=@proxforge.de"], expected: false, because: "no Authentication-Results from mx.example.net"),
        Case(name: "dkim pass, header.i only, trusted", from: "jonas@proxforge.de",
             headers: ["mx.example.net; dkim=pass header.i=@proxforge.de"], expected: true, because: "header.i=proxforge.de"),
        Case(name: "dkim pass, unrelated domain", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=evil.example"], expected: false, because: "not aligned"),
        Case(name: "dkim pass, look-alike suffix", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=notexample.com"], expected: false, because: "not aligned"),
        Case(name: "dkim pass, From domain as a label", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=example.com.evil.example"], expected: false, because: "not aligned"),
        Case(name: "dkim pass, top-level domain", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=com"], expected: false, because: "not aligned"),
        Case(name: "dkim pass, sibling subdomains", from: "alice@eu.example.com",
             headers: ["mx.example.net; dkim=pass header.d=us.example.com"], expected: false, because: "not aligned"),
        Case(name: "dkim fail aligned", from: "alice@example.com",
             headers: ["mx.example.net; dkim=fail (bad signature) header.d=example.com"], expected: false, because: "no dmarc, dkim or spf pass"),
        Case(name: "dkim pass without domain", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.s=s1"], expected: false, because: "dkim=pass without header.d"),
        Case(name: "one aligned signature among others", from: "alice@example.com",
             headers: ["mx.example.net; dkim=pass header.d=esp.example; dkim=pass header.d=example.com"],
             expected: true, because: "header.d=example.com"),
        Case(name: "spf pass, mailfrom address aligned", from: "alice@example.com",
             headers: ["mx.example.net; spf=pass smtp.mailfrom=bounces+123@mail.example.com"], expected: true, because: "smtp.mailfrom=mail.example.com"),
        Case(name: "spf pass, mailfrom domain only", from: "alice@example.com",
             headers: ["mx.example.net; spf=pass smtp.mailfrom=example.com"], expected: true, because: "spf=pass"),
        Case(name: "spf pass, old smtp.mail", from: "alice@example.com",
             headers: ["mx.example.net; spf=pass smtp.mail=alice@example.com"], expected: true, because: "smtp.mail=example.com"),
        Case(name: "spf pass, ESP envelope", from: "alice@example.com",
             headers: ["mx.example.net; spf=pass smtp.mailfrom=bounce@sendgrid.net"], expected: false, because: "not aligned"),
        Case(name: "spf softfail aligned", from: "alice@example.com",
             headers: ["mx.example.net; spf=softfail smtp.mailfrom=example.com"], expected: false, because: "no dmarc"),
        Case(name: "arc pass alone", from: "alice@example.com",
             headers: ["mx.example.net; arc=pass; iprev=pass policy.iprev=192.0.2.1"], expected: false, because: "no dmarc"),
        Case(name: "untrusted authserv-id", from: "alice@example.com",
             headers: ["mx.evil.example; dmarc=pass header.from=example.com"], expected: false, because: "no Authentication-Results"),
        Case(name: "Exchange without authserv-id", from: "alice@example.com",
             headers: ["spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com;dmarc=pass action=none header.from=example.com"],
             expected: false, because: "no Authentication-Results"),
        Case(name: "only the topmost trusted field counts (forged pass below)", from: "alice@example.com",
             headers: ["mx.example.net; dkim=none; spf=none",
                       "mx.example.net; dmarc=pass header.from=example.com"], expected: false, because: "no dmarc"),
        Case(name: "untrusted fields above are ignored", from: "alice@example.com",
             headers: ["relay.example.org; dmarc=fail header.from=example.com",
                       "MX.Example.NET; dkim=pass header.d=example.com"], expected: true, because: "dkim=pass"),
        Case(name: "field name kept in the value", from: "<alice@example.com>",
             headers: ["Authentication-Results: mx.example.net; dmarc=pass header.from=example.com"], expected: true, because: "dmarc=pass"),
        Case(name: "no headers", from: "alice@example.com", headers: [], expected: false, because: "no Authentication-Results"),
        Case(name: "From without domain", from: "alice", headers: ["mx.example.net; dmarc=pass"], expected: false, because: "has no domain"),
    ]

    @Test(arguments: cases)
    func decides(_ test: Case) {
        let (ok, reason) = AgentIdentity.isAuthenticated(fromAddress: test.from, headers: test.headers,
                                                         trustedAuthservID: Self.trusted)
        #expect(ok == test.expected, "\(reason)")
        #expect(reason.contains(test.because), "\(reason)")
    }

    @Test func emptyTrustedIDNeverAuthenticates() {
        let (ok, reason) = AgentIdentity.isAuthenticated(fromAddress: "alice@example.com",
                                                         headers: ["spf=pass smtp.mailfrom=example.com; dmarc=pass"],
                                                         trustedAuthservID: " ")
        #expect(!ok)
        #expect(reason.contains("no trusted authserv-id"))
    }
}
