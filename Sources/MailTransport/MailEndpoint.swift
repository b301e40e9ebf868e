/// Where and how to reach one IMAP or SMTP server.
///
/// `url` carries scheme, host, port and (for IMAP) the mailbox path, e.g.
/// `imaps://mail.example.com:993/INBOX` or `smtp://mail.example.com:587`.
/// Credentials never go into the URL: they are handed to libcurl separately
/// (`CURLOPT_USERNAME` / `CURLOPT_PASSWORD`) so they cannot leak through URL-bearing messages.
public struct MailEndpoint: Sendable {
    public var url: String
    public var username: String?
    public var password: String?
    /// PEM bundle of trusted CAs (`CURLOPT_CAINFO`); nil uses the system store.
    public var caFile: String?
    /// Allows `imap://` / `smtp://` to continue without STARTTLS. Only honoured for loopback hosts.
    public var allowInsecure: Bool
    /// Connect timeout and the longest a server may stay silent, in seconds.
    public var timeoutSeconds: Int

    public init(
        url: String,
        username: String? = nil,
        password: String? = nil,
        caFile: String? = nil,
        allowInsecure: Bool = false,
        timeoutSeconds: Int = 60
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.allowInsecure = allowInsecure
        self.timeoutSeconds = timeoutSeconds
    }
}
