/// Where and how to reach one IMAP or SMTP server.
///
/// `url` carries scheme, host, port and (for IMAP) the mailbox path, e.g.
/// `imaps://mail.example.com:993/INBOX` or `smtp://mail.example.com:587`.
/// Credentials never go into the URL: they are handed to libcurl separately
/// (`CURLOPT_USERNAME` / `CURLOPT_PASSWORD` / `CURLOPT_XOAUTH2_BEARER`) so they cannot leak through
/// URL-bearing messages. `description` names the kind of credential, never its value.
public struct MailEndpoint: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var url: String
    public var username: String?
    public var password: String?
    /// An OAuth 2.0 access token (e.g. from `OAuth2TokenSource.accessToken()`), used instead of `password`:
    /// the connection authenticates with SASL XOAUTH2 (Google's format: `user=… ^A auth=Bearer … ^A^A`,
    /// the same key/value pairs as RFC 7628 §3.1). Needs `username`; when set, `password` is not sent.
    public var bearerToken: String?
    /// PEM bundle of trusted CAs (`CURLOPT_CAINFO`); nil uses the system store.
    public var caFile: String?
    /// Allows `imap://` / `smtp://` to continue without STARTTLS. Only honoured for loopback hosts.
    public var allowInsecure: Bool
    /// Connect timeout and the longest a server may stay silent, in seconds.
    public var timeoutSeconds: Int
    /// Where access tokens come from when `bearerToken` is nil (`[imap.oauth2]`, `[smtp.oauth2]`): each
    /// connection asks it when it opens, and tells it when the server refused the token.
    public var tokenSource: OAuth2TokenSource?

    public init(
        url: String,
        username: String? = nil,
        password: String? = nil,
        bearerToken: String? = nil,
        caFile: String? = nil,
        allowInsecure: Bool = false,
        timeoutSeconds: Int = 60
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.bearerToken = bearerToken
        self.caFile = caFile
        self.allowInsecure = allowInsecure
        self.timeoutSeconds = timeoutSeconds
    }

    /// `MailEndpoint(imaps://host/INBOX, user u@example.com, bearer token)`: the credential's kind only.
    public var description: String {
        let credential = bearerToken != nil ? "bearer token" : tokenSource != nil ? "OAuth2"
            : password != nil ? "password" : "no credential"
        return "MailEndpoint(\(url), user \(username ?? "(none)"), \(credential))"
    }

    public var debugDescription: String { description }

    /// This endpoint with a current access token from `tokenSource`, if it has one and no token yet.
    func withAccessToken() throws(TransportError) -> MailEndpoint {
        guard bearerToken == nil, let tokenSource else { return self }
        do {
            return try tokenSource.authorize(self)
        } catch {
            throw error.transportError
        }
    }

    /// A refused login with a token from `tokenSource`: the next connection fetches a new one.
    func loginRefused(_ error: TransportError) {
        if error.kind == .authentication { tokenSource?.invalidate() }
    }

    /// Credential strings that must never appear in an error message or log line.
    var secrets: [String] { [password, bearerToken].compactMap { $0 }.filter { $0.count >= 3 } }

    /// `text` with every secret replaced by `***`.
    static func scrub(_ text: String, secrets: [String]) -> String {
        secrets.reduce(text) { $0.replacing($1, with: "***") }
    }
}
