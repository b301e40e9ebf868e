@testable import MailTransport
import Testing

struct EndpointURLTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var url: String
        var service: EndpointURL.Service
        var scheme: String
        var host: String
        var port: Int?
        var path: String
        var loopback: Bool
        var testDescription: String { url }
    }

    static let valid: [Valid] = [
        Valid(url: "imaps://mail.example.com", service: .imap, scheme: "imaps", host: "mail.example.com", port: nil, path: "", loopback: false),
        Valid(url: "IMAPS://Mail.Example.com:993/", service: .imap, scheme: "imaps", host: "Mail.Example.com", port: 993, path: "", loopback: false),
        Valid(url: "imap://127.0.0.1:14143/INBOX", service: .imap, scheme: "imap", host: "127.0.0.1", port: 14143, path: "INBOX", loopback: true),
        Valid(url: "imap://localhost/Support%20Queue", service: .imap, scheme: "imap", host: "localhost", port: nil, path: "Support Queue", loopback: true),
        Valid(url: "imaps://[::1]:993/Gr%C3%BC%C3%9Fe", service: .imap, scheme: "imaps", host: "::1", port: 993, path: "Grüße", loopback: true),
        Valid(url: "imaps://127.8.9.10/a/b", service: .imap, scheme: "imaps", host: "127.8.9.10", port: nil, path: "a/b", loopback: true),
        Valid(url: "smtp://smtp.example.com:587", service: .smtp, scheme: "smtp", host: "smtp.example.com", port: 587, path: "", loopback: false),
        Valid(url: "smtps://[2001:db8::1]", service: .smtp, scheme: "smtps", host: "2001:db8::1", port: nil, path: "", loopback: false),
        Valid(url: "smtp://128.0.0.1", service: .smtp, scheme: "smtp", host: "128.0.0.1", port: nil, path: "", loopback: false),
    ]

    @Test(arguments: valid)
    func parsesValidURLs(_ case_: Valid) throws {
        let url = try EndpointURL.parse(case_.url, service: case_.service)
        #expect(url.scheme == case_.scheme)
        #expect(url.host == case_.host)
        #expect(url.port == case_.port)
        #expect(url.path == case_.path)
        #expect(url.isLoopback == case_.loopback)
    }

    @Test(arguments: [
        ("imap.example.com", EndpointURL.Service.imap),
        ("http://example.com", .imap),
        ("smtp://example.com", .imap),
        ("imaps://example.com", .smtp),
        ("imaps://user:pw@example.com", .imap),
        ("imaps://example.com:0", .imap),
        ("imaps://example.com:65536", .imap),
        ("imaps://example.com:99x", .imap),
        ("imaps://exa mple.com", .imap),
        ("imaps://", .imap),
        ("imaps://[::1", .imap),
        ("imaps://example.com/INBOX?x=1", .imap),
        ("imaps://example.com/%ZZ", .imap),
        ("imaps://example.com/%FF", .imap),
    ])
    func rejectsInvalidURLs(_ text: String, _ service: EndpointURL.Service) {
        let error = #expect(throws: TransportError.self) { try EndpointURL.parse(text, service: service) }
        #expect(error?.kind == .invalidURL)
    }

    @Test(arguments: [
        ("imaps://h/", "imaps://h"),
        ("imap://h:143/x", "imap://h:143"),
        ("smtps://[::1]:465", "smtps://[::1]:465"),
    ])
    func baseKeepsSchemeHostAndPort(_ text: String, _ base: String) throws {
        let service: EndpointURL.Service = text.hasPrefix("smtp") ? .smtp : .imap
        #expect(try EndpointURL.parse(text, service: service).base == base)
    }

    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("Support Queue", "Support%20Queue"),
        ("a/b;c", "a%2Fb%3Bc"),
        ("Grüße", "Gr%C3%BC%C3%9Fe"),
        ("x-y_z.~", "x-y_z.~"),
    ])
    func percentEncodesPathSegments(_ name: String, _ encoded: String) {
        #expect(EndpointURL.percentEncode(name) == encoded)
        #expect(EndpointURL.percentDecode(Array(encoded.utf8)) == name)
    }

    @Test(arguments: [
        ("imaps://mail.example.com", false, TLSPolicy.implicitTLS),
        ("imap://mail.example.com", false, .requireSTARTTLS),
        ("imap://127.0.0.1", false, .tryStartTLS),
        ("imap://127.0.0.1", true, .tryStartTLS),
        ("imap://mail.example.com", true, .tryStartTLS),
        ("imaps://10.0.0.1", true, .implicitTLS),
        ("imaps://localhost", true, .implicitTLS),
    ])
    func decidesTLSPolicy(_ text: String, _ allowInsecure: Bool, _ policy: TLSPolicy) throws {
        let url = try EndpointURL.parse(text, service: .imap)
        #expect(try TLSPolicy.decide(for: url, allowInsecure: allowInsecure) == policy)
    }
}
