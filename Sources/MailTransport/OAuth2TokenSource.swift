import Foundation
import Logging

/// Hands out OAuth 2.0 access tokens for XOAUTH2 logins (`MailEndpoint.bearerToken`), refreshing them with
/// the refresh token grant (RFC 6749 §6) shortly before they expire.
///
/// - The cached access token is returned until `refreshMargin` seconds before its expiry
///   (`expires_in`, RFC 6749 §5.1, counted from the start of the refresh request).
/// - The refresh token is read from `refreshTokenFile` for every refresh. When the provider rotates it, the
///   new one is written there (atomically, 0600, fsynced) *before* the new access token is handed out; if
///   that write fails the rotated token is kept in memory, `accessToken()` throws, and the next call retries
///   the write first. Refreshes are serialised within the process and, through `<file>.lock`, between processes.
/// - A refused grant (`OAuth2Error.Kind.refused`, e.g. `invalid_grant`) is remembered: later calls throw it
///   again without asking the provider until the refresh token file changes.
///
/// Blocking (libcurl): call it where the mail connection is made, e.g. on a `BlockingExecutor` thread.
/// Thread-safe: all mutable state is guarded by `lock`; `refreshLock` makes concurrent callers wait for
/// one refresh instead of racing a rotation.
public final class OAuth2TokenSource: @unchecked Sendable {
    public let configuration: OAuth2Configuration
    private let file: RefreshTokenFile
    private let logger: Logger
    private let now: @Sendable () -> Date

    private let lock = NSLock()
    private let refreshLock = NSLock()
    private var cached: (token: String, obtainedAt: Date, expiresAt: Date)?
    private var unsavedRefreshToken: String?
    private var refused: (error: OAuth2Error, file: RefreshTokenFile.Identity?)?
    private var lastError: (error: OAuth2Error, at: Date)?
    private var refreshCount = 0
    private var lastRotatedAt: Date?

    /// - Parameter now: the clock (tests move it forward).
    /// - Throws: `.configuration` for an unusable token URL or an empty client id / file name.
    public init(configuration: OAuth2Configuration, logger: Logger, now: @escaping @Sendable () -> Date = { Date() })
        throws(OAuth2Error)
    {
        try configuration.validateTokenURL()
        guard !configuration.clientID.isEmpty else { throw OAuth2Error(kind: .configuration, message: "client_id is empty") }
        guard !configuration.refreshTokenFile.isEmpty else {
            throw OAuth2Error(kind: .configuration, message: "refresh_token_file is empty")
        }
        self.configuration = configuration
        self.file = RefreshTokenFile(path: configuration.refreshTokenFile)
        self.logger = logger
        self.now = now
    }

    /// A valid access token: the cached one, or a freshly refreshed one.
    public func accessToken() throws(OAuth2Error) -> String {
        if let token = freshToken() { return token }
        refreshLock.lock()
        defer { refreshLock.unlock() }
        if let token = freshToken() { return token }
        do {
            return try refresh()
        } catch {
            locked { lastError = (error, now()) }
            throw error
        }
    }

    /// `endpoint` with a current access token as its bearer token (and no password).
    public func authorize(_ endpoint: MailEndpoint) throws(OAuth2Error) -> MailEndpoint {
        var endpoint = endpoint
        endpoint.bearerToken = try accessToken()
        endpoint.password = nil
        return endpoint
    }

    /// Forgets the cached access token, e.g. after the mail server refused it (revoked early): the next
    /// `accessToken()` refreshes. Call it once per refused login, not in a loop.
    public func invalidate() { locked { cached = nil } }

    /// A snapshot for `doctor`: times, counts and file facts, no token values.
    public func state() -> OAuth2TokenState {
        let status = file.status()
        return locked {
            OAuth2TokenState(
                now: now(), tokenURL: configuration.tokenURL, refreshTokenFile: configuration.refreshTokenFile,
                obtainedAt: cached?.obtainedAt, expiresAt: cached?.expiresAt, refreshCount: refreshCount,
                lastRotatedAt: lastRotatedAt, lastError: lastError?.error, lastErrorAt: lastError?.at,
                rotatedTokenUnsaved: unsavedRefreshToken != nil, refreshTokenFileModified: status?.modified,
                refreshTokenFileMode: status?.mode)
        }
    }

    private func freshToken() -> String? {
        locked {
            guard unsavedRefreshToken == nil, let cached,
                  now() < cached.expiresAt.addingTimeInterval(-configuration.refreshMargin)
            else { return nil }
            return cached.token
        }
    }

    /// Called with `refreshLock` held.
    private func refresh() throws(OAuth2Error) -> String {
        try file.withLock { () throws(OAuth2Error) -> String in
            if let pending = locked({ unsavedRefreshToken }) {
                try file.write(pending)
                locked { unsavedRefreshToken = nil; lastRotatedAt = now() }
                if let token = freshToken() { return token }
            }
            if let refused = locked({ refused }), refused.file == file.identity() { throw refused.error }
            let old = try file.read()
            let started = now()
            let response: OAuth2TokenResponse
            do throws(OAuth2Error) {
                response = try OAuth2TokenRequest.refresh(configuration, refreshToken: old)
            } catch {
                if error.kind == .refused { locked { refused = (error, file.identity()) } }
                throw error
            }
            let lifetime = response.expiresIn ?? configuration.assumedLifetime
            let rotated = response.refreshToken.flatMap { $0 == old ? nil : $0 }
            locked {
                cached = (response.accessToken, started, started.addingTimeInterval(lifetime))
                unsavedRefreshToken = rotated
                refused = nil
                lastError = nil
                refreshCount += 1
            }
            if let rotated {
                try file.write(rotated)
                locked { unsavedRefreshToken = nil; lastRotatedAt = now() }
            }
            logger.info("OAuth2 access token refreshed", metadata: [
                "oauth2.endpoint": "\(configuration.tokenHost)", "oauth2.expires_in": "\(Int(lifetime))",
                "oauth2.refresh_token_rotated": "\(rotated != nil)",
            ])
            return response.accessToken
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
