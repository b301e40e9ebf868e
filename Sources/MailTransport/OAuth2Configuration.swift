import Foundation

/// How to refresh OAuth 2.0 access tokens for one mail account (RFC 6749 §6, refresh token grant).
///
/// The refresh token lives in `refreshTokenFile` (not in the configuration) because providers may rotate
/// it on every refresh (RFC 6749 §6: "MAY issue a new refresh token"; §10.4): the new one is written back
/// there. See docs/admin-guide.md for the `[imap.oauth2]` / `[smtp.oauth2]` keys.
public struct OAuth2Configuration: Sendable, Equatable {
    /// The token endpoint (RFC 6749 §3.2): `https://…`; `http://` only to a loopback host.
    public var tokenURL: String
    /// `client_id` (RFC 6749 §2.2).
    public var clientID: String
    /// `client_secret`, sent in the request body (RFC 6749 §2.3.1); nil for a public client.
    public var clientSecret: String?
    /// File holding the current refresh token (one line); rewritten atomically, mode 0600, when it rotates.
    public var refreshTokenFile: String
    /// `scope` sent with the refresh (RFC 6749 §6: must not exceed the granted scope); nil sends none.
    public var scope: String?
    /// PEM bundle of trusted CAs for the token endpoint; nil uses the system store.
    public var caFile: String?
    /// Connect timeout and the longest a whole refresh request may take, in seconds.
    public var timeoutSeconds: Int
    /// A cached access token is refreshed this many seconds before it expires.
    public var refreshMargin: TimeInterval
    /// Lifetime assumed when the provider sends no `expires_in` (it is only RECOMMENDED, RFC 6749 §5.1).
    public var assumedLifetime: TimeInterval

    public init(
        tokenURL: String, clientID: String, clientSecret: String? = nil, refreshTokenFile: String,
        scope: String? = nil, caFile: String? = nil, timeoutSeconds: Int = 30,
        refreshMargin: TimeInterval = 60, assumedLifetime: TimeInterval = 300
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshTokenFile = refreshTokenFile
        self.scope = scope
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
        self.refreshMargin = refreshMargin
        self.assumedLifetime = assumedLifetime
    }

    /// Checks `tokenURL`: absolute `https://` (certificates verified), or `http://` to 127.0.0.0/8, `::1` or
    /// `localhost` only; no user-info (the client authenticates in the body) and no fragment (RFC 6749 §3.2).
    /// - Returns: whether the URL is plain `http`.
    @discardableResult
    public func validateTokenURL() throws(OAuth2Error) -> Bool {
        func invalid(_ why: String) -> OAuth2Error {
            OAuth2Error(kind: .configuration, message: "token_url \(why)")
        }
        guard let parts = URLComponents(string: tokenURL), let scheme = parts.scheme?.lowercased(),
              var host = parts.host, !host.isEmpty
        else { throw invalid("is not an absolute URL") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard parts.user == nil, parts.password == nil else { throw invalid("must not contain credentials") }
        guard parts.fragment == nil else { throw invalid("must not have a fragment (RFC 6749 §3.2)") }
        switch scheme {
        case "https": return false
        case "http":
            guard EndpointURL.isLoopbackHost(host) else {
                throw invalid("must use https:// (http:// is only allowed to a loopback host)")
            }
            return true
        default: throw invalid("must be an https:// URL")
        }
    }

    /// `scheme://host[:port]` of the token URL, for messages (no path or query).
    var tokenHost: String {
        guard let parts = URLComponents(string: tokenURL), let host = parts.host else { return "token endpoint" }
        return host + (parts.port.map { ":\($0)" } ?? "")
    }
}
