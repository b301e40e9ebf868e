/// Where outgoing mail goes: `[smtp]` or `[outbox]`, never both.
public enum SinkConfig: Sendable {
    case smtp(SMTPConfig)
    /// Writes `.eml` files to a directory instead of sending.
    case outbox(OutboxConfig)
}

/// `[smtp]`: the submission server.
///
/// - SeeAlso: RFC 8314 §3 (implicit TLS, `smtps://`), RFC 3207 (STARTTLS, `smtp://`)
public struct SMTPConfig: Sendable {
    /// `smtps://host[:port]` or `smtp://host[:port]`.
    public var url: String
    /// `nil` when the server accepts mail without authentication.
    public var username: String?
    /// The resolved secret; `nil` when there is no username and no secret was supplied.
    public var password: String?
    public var caFile: String?
    public var allowInsecure: Bool
    /// Name sent in EHLO/HELO, if set.
    public var heloName: String?
    /// `[smtp.oauth2]`: XOAUTH2 instead of the password.
    public var oauth2: OAuth2Settings?

    public init(
        url: String, username: String? = nil, password: String? = nil, caFile: String? = nil,
        allowInsecure: Bool = false, heloName: String? = nil
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.allowInsecure = allowInsecure
        self.heloName = heloName
    }
}

/// `[outbox]`: outgoing mail is written as `.eml` files into `directory`.
public struct OutboxConfig: Sendable {
    /// Absolute path of the outbox directory.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }
}
