import Foundation
@testable import MailTransport
import Testing

/// OAuth2TokenSource against a scripted token endpoint on loopback (TokenEndpointStub): caching, refresh
/// before expiry, rotation written to disk first, and how failures are classified (RFC 6749 §5.2, §6).
struct OAuth2TokenSourceTests {
    typealias F = OAuth2Fixtures

    @Test func cachedTokenIsReusedAndTheRefreshIsAFormPost() throws {
        let stub = try TokenEndpointStub { _, n in .init(status: 200, body: F.tokenJSON(access: "at-\(n + 1)")) }
        defer { stub.stop() }
        let directory = try TokenDirectory(token: "rt-0")
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)

        #expect(try source.accessToken() == "at-1")
        #expect(try source.accessToken() == "at-1")
        let requests = stub.requests
        try #require(requests.count == 1)
        #expect(requests[0].method == "POST")
        #expect(requests[0].path == "/token")
        #expect(requests[0].headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(requests[0].form == [
            "grant_type": "refresh_token", "refresh_token": "rt-0", "client_id": "maildesk-client",
            "client_secret": F.clientSecret, "scope": "mail offline_access",
        ])
        #expect(try directory.read() == "rt-0\n")  // not rotated: the file is left alone
    }

    @Test func refreshesShortlyBeforeExpiry() throws {
        let stub = try TokenEndpointStub { _, n in .init(status: 200, body: F.tokenJSON(access: "at-\(n + 1)", expiresIn: 3600)) }
        defer { stub.stop() }
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let clock = TestClock()
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger,
                                           now: clock.function)
        #expect(try source.accessToken() == "at-1")
        clock.advance(3600 - 61)  // 61 s left: still good (margin 60 s)
        #expect(try source.accessToken() == "at-1")
        #expect(stub.requests.count == 1)
        clock.advance(2)  // 59 s left: refresh
        #expect(try source.accessToken() == "at-2")
        #expect(stub.requests.count == 2)
        let state = source.state()
        #expect(state.obtainedAt == clock.now)
        #expect(state.expiresAt == clock.now + 3600)
        #expect(state.refreshCount == 2)
    }

    @Test func rotatedRefreshTokenIsOnDiskWith0600AndUsedNext() throws {
        let stub = try TokenEndpointStub(F.rotating)
        defer { stub.stop() }
        let directory = try TokenDirectory(token: "rt-0", mode: 0o644)
        defer { directory.remove() }
        let clock = TestClock()
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger,
                                           now: clock.function)
        #expect(try source.accessToken() == "at-1")
        #expect(try directory.read() == "rt-1\n")
        #expect(try directory.mode() == 0o600)
        #expect(try directory.entries() == ["refresh-token", "refresh-token.lock"])  // no temporary file left
        clock.advance(3600)
        #expect(try source.accessToken() == "at-2")
        #expect(stub.requests.map { $0.form["refresh_token"] } == ["rt-0", "rt-1"])
        #expect(try directory.read() == "rt-2\n")
        #expect(source.state().lastRotatedAt == clock.now)
    }

    /// The directory vanishes while the provider answers: the rotated token cannot be saved, so the access
    /// token is withheld; once the directory is back, the next call saves it first and hands the token out.
    @Test func accessTokenIsWithheldUntilTheRotatedTokenIsSaved() throws {
        let directory = try TokenDirectory(token: "rt-0")
        defer { directory.remove() }
        let stub = try TokenEndpointStub { request, n in
            directory.remove()
            return F.rotating(request, n)
        }
        defer { stub.stop() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)
        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == .configuration)
        #expect(error.description.contains(directory.file))
        #expect(source.state().rotatedTokenUnsaved)

        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: false)
        #expect(try source.accessToken() == "at-1")
        #expect(stub.requests.count == 1)
        #expect(try directory.read() == "rt-1\n")
        #expect(try directory.mode() == 0o600)
        #expect(!source.state().rotatedTokenUnsaved)
    }

    @Test func refusedRefreshIsPermanentWithTheProvidersText() throws {
        let body = #"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#
        let stub = try TokenEndpointStub { _, _ in .init(status: 400, body: body) }
        defer { stub.stop() }
        let directory = try TokenDirectory(token: "rt-revoked-value")
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)

        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == .refused)
        #expect(!error.isTemporary)
        #expect(error.httpStatus == 400)
        #expect(error.providerError == "invalid_grant")
        #expect(error.providerErrorDescription == "Token has been expired or revoked.")
        #expect(error.description.contains("invalid_grant: Token has been expired or revoked."))
        #expect(error.transportError.kind == .authentication)
        for secret in ["rt-revoked-value", F.clientSecret] { #expect(!error.description.contains(secret)) }

        // Remembered: no second request until the refresh token file changes.
        #expect(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(stub.requests.count == 1)
        #expect(source.state().lastError?.providerError == "invalid_grant")
        try directory.write("rt-new-value-longer")
        #expect(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(stub.requests.count == 2)
    }

    @Test(arguments: [500, 502, 503, 429])
    func serverTroubleIsTemporaryAndRetried(_ status: Int) throws {
        let stub = try TokenEndpointStub { _, _ in .init(status: status, body: #"{"error":"temporarily_unavailable"}"#) }
        defer { stub.stop() }
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)
        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == .temporary)
        #expect(error.isTemporary)
        #expect(error.httpStatus == status)
        #expect(error.transportError.isTemporary)
        #expect(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(stub.requests.count == 2)
    }

    @Test func unreachableEndpointIsTemporary() throws {
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration("http://127.0.0.1:1/token", directory), logger: F.logger)
        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == .temporary)
        #expect(error.curlCode == 7)
        #expect(!error.description.contains("rt-0"))
    }

    @Test(arguments: [
        (404, #"{"error":"not_found"}"#, OAuth2Error.Kind.configuration),
        (401, #"{"error":"invalid_client","error_description":"Unknown client"}"#, .refused),
        (400, "<html>bad request</html>", .configuration),
        (200, "<html>captive portal</html>", .temporary),
        (200, #"{"token_type":"Bearer","expires_in":3600}"#, .temporary),
        (200, #"{"access_token":"abc","token_type":"mac"}"#, .configuration),
    ])
    func answersAreClassified(_ status: Int, _ body: String, _ kind: OAuth2Error.Kind) throws {
        let stub = try TokenEndpointStub { _, _ in .init(status: status, body: body) }
        defer { stub.stop() }
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)
        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == kind)
    }

    @Test func concurrentCallersShareOneRefresh() throws {
        let stub = try TokenEndpointStub { request, n in
            var response = F.rotating(request, n)
            response.delay = 0.3
            return response
        }
        defer { stub.stop() }
        let directory = try TokenDirectory()
        defer { directory.remove() }
        let source = try OAuth2TokenSource(configuration: F.configuration(stub.url, directory), logger: F.logger)
        let tokens = NSLock()
        nonisolated(unsafe) var seen: [String] = []
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let token = (try? source.accessToken()) ?? "failed"
            tokens.withLock { seen.append(token) }
        }
        #expect(seen == ["at-1", "at-1", "at-1", "at-1"])
        #expect(stub.requests.count == 1)
    }
}
