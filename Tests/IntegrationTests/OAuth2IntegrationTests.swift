import Foundation
import Logging
import MailTransport
import Testing

/// XOAUTH2 end to end: OAuth2TokenSource gets tokens from scripts/oauth2-server.py; Dovecot's oauth2 passdb
/// checks them by RFC 7662 introspection, for IMAP and (through Dovecot SASL) for Postfix SMTP AUTH.
/// Users in oauth.test have no password.
@Suite(.serialized)
struct OAuth2IntegrationTests {
    let servers: TestServers
    let oauth: OAuth2TestServer
    let logger = Logger(label: "maildesk.test.oauth2")

    init() throws {
        servers = try TestServers.load()
        oauth = try OAuth2TestServer(servers)
    }

    /// A token source for a fresh grant for `user`, and the refresh token it started from.
    func source(for user: String) throws -> (OAuth2TokenSource, String, String) {
        let seed = try oauth.seedGrant(username: user)
        let file = try oauth.refreshTokenFile(holding: seed)
        let source = try OAuth2TokenSource(configuration: oauth.configuration(file: file), logger: logger)
        return (source, seed, file)
    }

    /// Polls (≤ 15 s) until the IMAP connection's INBOX has a message; returns the UIDs.
    func waitForMail(_ imap: IMAPConnection) throws -> [UInt32] {
        let deadline = Date().addingTimeInterval(15)
        repeat {
            let uids = try imap.searchUIDs(from: 1)
            if !uids.isEmpty { return uids }
            Thread.sleep(forTimeInterval: 0.25)
        } while Date() < deadline
        return []
    }

    @Test(arguments: [true, false])
    func imapLoginAndFetchWithXOAUTH2(implicitTLS: Bool) throws {
        let user = servers.uniqueAddress("oauth-imap", domain: oauth.domain)
        let subject = "OAuth2 fetch \(UInt32.random(in: 0...UInt32.max))"
        let sender = try SMTPConnection(endpoint: servers.smtpEndpoint(user: servers.uniqueAddress("sender")),
                                        heloName: "maildesk.test", logger: logger)
        _ = try sender.send(from: "sender@customer.test", recipient: user,
                            message: TransportIntegrationTests.message(to: user, subject: subject))

        let (source, seed, file) = try source(for: user)
        defer { oauth.discard(file) }
        let endpoint = try source.authorize(servers.imapEndpoint(user: user, implicitTLS: implicitTLS))
        #expect(endpoint.password == nil)
        let imap = try IMAPConnection(endpoint: endpoint, logger: logger)
        let uids = try waitForMail(imap)
        try #require(uids.count == 1)
        let message = String(decoding: try imap.fetch(uid: uids[0], uidValidity: imap.status().uidValidity), as: UTF8.self)
        #expect(message.contains("Subject: \(subject)"))
        #expect(oauth.logContains("dovecot.log", ["Login: user=<\(user)>", "method=XOAUTH2"]))

        // The server rotates on every refresh: the new refresh token is on disk, 0600.
        let saved = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!saved.isEmpty && saved != seed)
        #expect(source.state().refreshTokenFileMode == 0o600)
    }

    @Test func smtpSendWithXOAUTH2() throws {
        let user = servers.uniqueAddress("oauth-smtp", domain: oauth.domain)
        let recipient = servers.uniqueAddress("oauth-rcpt")
        let subject = "OAuth2 send \(UInt32.random(in: 0...UInt32.max))"
        let (source, _, file) = try source(for: user)
        defer { oauth.discard(file) }
        let smtp = try SMTPConnection(endpoint: source.authorize(servers.smtpEndpoint(user: user)),
                                      heloName: "maildesk.test", logger: logger)
        let reply = try smtp.send(from: user, recipient: recipient, message: TransportIntegrationTests.message(to: recipient, subject: subject))
        #expect(reply.code == 250)
        #expect(oauth.logContains("postfix.log", ["sasl_method=XOAUTH2", "sasl_username=\(user)"]))

        let inbox = try IMAPConnection(endpoint: servers.imapEndpoint(user: recipient), logger: logger)
        let uids = try waitForMail(inbox)
        try #require(uids.count == 1)
        let message = String(decoding: try inbox.fetch(uid: uids[0], uidValidity: inbox.status().uidValidity), as: UTF8.self)
        #expect(message.contains("Subject: \(subject)"))
    }

    @Test func rotatedOutRefreshTokenIsRefused() throws {
        let user = servers.uniqueAddress("oauth-rotated", domain: oauth.domain)
        let (source, seed, file) = try source(for: user)
        let staleFile = try oauth.refreshTokenFile(holding: seed)
        defer { oauth.discard(file); oauth.discard(staleFile) }
        _ = try source.accessToken()  // rotates: the seed is now invalid

        let stale = try OAuth2TokenSource(configuration: oauth.configuration(file: staleFile), logger: logger)
        let error = try #require(throws: OAuth2Error.self) { try stale.accessToken() }
        #expect(error.kind == .refused)
        #expect(error.httpStatus == 400)
        #expect(error.providerError == "invalid_grant")
        #expect(error.providerErrorDescription?.contains("rotated out") == true)
        #expect(!error.description.contains(seed))
    }

    @Test func refuseAllSwitchRefusesEveryRefresh() throws {
        let (source, _, file) = try source(for: servers.uniqueAddress("oauth-refused", domain: oauth.domain))
        defer { oauth.discard(file) }
        try oauth.refuseAll(true)
        defer { try? oauth.refuseAll(false) }
        let error = try #require(throws: OAuth2Error.self) { try source.accessToken() }
        #expect(error.kind == .refused)
        #expect(error.description.contains("invalid_grant: the test server refuses every refresh"))
    }

    @Test func serversRefuseWrongBearerTokensAndPasswords() throws {
        let user = servers.uniqueAddress("oauth-wrong", domain: oauth.domain)
        let other = servers.uniqueAddress("oauth-other", domain: oauth.domain)
        let (source, _, file) = try source(for: other)
        defer { oauth.discard(file) }
        let othersToken = try source.accessToken()
        var cases: [(MailEndpoint, String)] = []
        for token in ["not-a-token-at-all", othersToken] {  // unknown token; valid token of another user
            var imap = servers.imapEndpoint(user: user)
            (imap.password, imap.bearerToken) = (nil, token)
            var smtp = servers.smtpEndpoint(user: user)
            (smtp.password, smtp.bearerToken) = (nil, token)
            cases += [(imap, token), (smtp, token)]
        }
        cases.append((servers.imapEndpoint(user: user), servers.password))  // oauth.test users have no password
        for (endpoint, secret) in cases {
            let error = try #require(throws: TransportError.self) {
                if endpoint.url.hasPrefix("imap") {
                    _ = try IMAPConnection(endpoint: endpoint, logger: logger).status()
                } else {
                    _ = try SMTPConnection(endpoint: endpoint, heloName: "maildesk.test", logger: logger).verify()
                }
            }
            #expect(error.kind == .authentication, "\(endpoint)")
            #expect(!error.description.contains(secret))
        }
    }

    /// A token the server no longer accepts (revoked early) fails the login; after `invalidate()` the
    /// token source refreshes and the new token logs in. Logins may wait out Dovecot's auth penalty for
    /// earlier failures from 127.0.0.1, so no token here is short-lived.
    @Test func revokedAccessTokenIsRefusedAndReplacedAfterInvalidate() throws {
        let user = servers.uniqueAddress("oauth-revoked", domain: oauth.domain)
        let (source, _, file) = try source(for: user)
        defer { oauth.discard(file) }
        let first = try source.authorize(servers.imapEndpoint(user: user))
        _ = try IMAPConnection(endpoint: first, logger: logger).status()

        try oauth.revokeAccessTokens(of: user)
        let error = try #require(throws: TransportError.self) { try IMAPConnection(endpoint: first, logger: logger).status() }
        #expect(error.kind == .authentication)
        #expect(try source.accessToken() == first.bearerToken)  // still cached: the source cannot know

        source.invalidate()
        let second = try source.authorize(servers.imapEndpoint(user: user))
        #expect(second.bearerToken != first.bearerToken)
        _ = try IMAPConnection(endpoint: second, logger: logger).status()
        #expect(source.state().refreshCount == 2)
    }
}
