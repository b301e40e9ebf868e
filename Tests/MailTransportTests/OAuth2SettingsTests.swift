import Foundation
@testable import MailTransport
import Testing

/// Token URL rules, form encoding, refresh token file handling and the doctor state — no network.
struct OAuth2SettingsTests {
    typealias F = OAuth2Fixtures

    @Test(arguments: [
        ("https://oauth2.googleapis.com/token", true),
        ("https://login.microsoftonline.com/common/oauth2/v2.0/token", true),
        ("http://127.0.0.1:8080/token", true),
        ("http://[::1]:8080/token", true),
        ("http://localhost/token", true),
        ("http://oauth.example.com/token", false),
        ("http://10.0.0.1/token", false),
        ("ftp://oauth.example.com/token", false),
        ("https://client:secret@oauth.example.com/token", false),
        ("https://oauth.example.com/token#frag", false),
        ("oauth.example.com/token", false),
    ])
    func tokenURLIsHTTPSOrLoopback(_ url: String, _ accepted: Bool) throws {
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let result = Result { () throws(OAuth2Error) in
            try OAuth2TokenSource(configuration: F.configuration(url, directory), logger: F.logger)
        }
        switch result {
        case .success: #expect(accepted)
        case let .failure(error):
            #expect(!accepted, "\(error)")
            #expect(error.kind == .configuration)
            #expect(!error.description.contains("secret"))
        }
    }

    @Test func formEncodingFollowsTheHTMLFormRules() {
        #expect(OAuth2TokenRequest.encodeComponent("a b&c=d+e/f%g") == "a+b%26c%3Dd%2Be%2Ff%25g")
        #expect(OAuth2TokenRequest.encodeComponent("1//0Ab-_.*~é") == "1%2F%2F0Ab-_.*%7E%C3%A9")
        #expect(OAuth2TokenRequest.formEncode([("a", "1"), ("b c", "")]) == "a=1&b+c=")
    }

    @Test func oddSecretsAndScopesArriveIntact() throws {
        let stub = try TokenEndpointStub { _, _ in .init(status: 200, body: F.tokenJSON(access: "at")) }
        defer { stub.stop() }
        let directory = try TokenDirectory(token: "1//0e-refresh_Token.x~")
        defer { directory.remove() }
        let secret = "s3cr&t=+ é/%"
        let scope = "https://mail.google.com/ offline_access"
        let configuration = F.configuration(stub.url, directory, scope: scope, secret: secret)
        _ = try OAuth2TokenSource(configuration: configuration, logger: F.logger).accessToken()
        let form = try #require(stub.requests.first).form
        #expect(form["client_secret"] == secret)
        #expect(form["scope"] == scope)
        #expect(form["refresh_token"] == "1//0e-refresh_Token.x~")
    }

    @Test func publicClientSendsNoSecretAndNoScope() throws {
        let stub = try TokenEndpointStub { _, _ in .init(status: 200, body: F.tokenJSON(access: "at", expiresIn: nil)) }
        defer { stub.stop() }
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let clock = TestClock()
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory, scope: nil, secret: nil),
                                           logger: F.logger, now: clock.function)
        _ = try source.accessToken()
        #expect(Set(try #require(stub.requests.first).form.keys) == ["grant_type", "refresh_token", "client_id"])
        #expect(source.state().expiresAt == clock.now + 300)  // no expires_in: the assumed lifetime
    }

    @Test(arguments: [
        (nil as String?, "cannot read"),
        ("", "is empty"),
        ("  \n", "is empty"),
        ("tok en", "cannot be in a refresh token"),
    ])
    func unusableRefreshTokenFileIsAConfigurationError(_ content: String?, _ phrase: String) throws {
        let directory = try TokenDirectory(token: nil)
        defer { directory.remove() }
        if let content { try content.write(toFile: directory.file, atomically: false, encoding: .utf8) }
        let source = try OAuth2TokenSource(configuration: F.configuration("http://127.0.0.1:1/token", directory), logger: F.logger)
        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == .configuration)
        #expect(error.description.contains(directory.file))
        #expect(error.description.contains(phrase))
    }

    @Test func refreshTokenFileIsTrimmedToItsFirstLine() throws {
        let directory = try TokenDirectory(token: nil)
        defer { directory.remove() }
        try "  rt-value \nsecond line\n".write(toFile: directory.file, atomically: false, encoding: .utf8)
        #expect(try RefreshTokenFile(path: directory.file).read() == "rt-value")
    }

    @Test func stateShowsTimesAndFileFactsButNoTokens() throws {
        let stub = try TokenEndpointStub(F.rotating)
        defer { stub.stop() }
        let directory = try TokenDirectory(token: "rt-0")
        defer { directory.remove() }
        let clock = TestClock()
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger,
                                           now: clock.function)
        #expect(source.state().summary.hasPrefix("no access token yet"))
        _ = try source.accessToken()
        clock.advance(100)
        let state = source.state()
        #expect(state.hasValidAccessToken)
        #expect(state.obtainedAt == clock.now - 100)
        #expect(state.expiresAt == clock.now + 3500)
        #expect(state.refreshTokenFileMode == 0o600)
        #expect(!state.refreshTokenFileTooOpen)
        #expect(state.refreshTokenFileModified != nil)
        #expect(state.summary.contains("access token valid for 3500 s (obtained 100 s ago)"))
        for text in [state.summary, "\(state)", String(reflecting: state)] {
            for secret in ["at-1", "rt-1", "rt-0", F.clientSecret] { #expect(!text.contains(secret)) }
        }
        clock.advance(3500)
        #expect(!source.state().hasValidAccessToken)
        #expect(source.state().summary.hasPrefix("access token expired"))
    }

    @Test func invalidateForcesARefresh() throws {
        let stub = try TokenEndpointStub(F.rotating)
        defer { stub.stop() }
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)
        #expect(try source.accessToken() == "at-1")
        source.invalidate()
        #expect(try source.accessToken() == "at-2")
        let endpoint = try source.authorize(MailEndpoint(url: "imaps://mail.example.com", username: "u@example.com", password: "pw"))
        #expect(endpoint.bearerToken == "at-2")
        #expect(endpoint.password == nil)
    }
}
