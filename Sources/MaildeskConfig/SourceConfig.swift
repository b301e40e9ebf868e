/// Where incoming mail comes from: `[imap]` or `[maildir]`, never both; neither for a site that receives
/// mail only through the MTA pipe (`maildesk ingest`, docs/admin-guide.md#pipe-delivery).
public enum SourceConfig: Sendable {
    /// No table: mail arrives only through `maildesk ingest`; `poll` has nothing to fetch.
    case none
    /// One IMAP mailbox today; an array so more mailboxes fit later.
    case imap([IMAPConfig])
    /// A read-only Maildir; progress is kept in the database.
    case maildir(MaildirConfig)
}

/// `[imap]`: the mailbox polled for new mail.
///
/// - SeeAlso: RFC 5092 (IMAP URL scheme; the mailbox is the URL path), RFC 9051 §6.2.1 (STARTTLS for `imap://`)
public struct IMAPConfig: Sendable {
    /// Name of this mailbox source; `"imap"` today.
    public var name: String
    /// `imaps://host[:port]/MAILBOX` or `imap://…` (STARTTLS).
    public var url: String
    public var username: String
    /// The resolved secret (from `password_file`, `MAILDESK_IMAP_PASSWORD` or the `imap-password` credential).
    public var password: String
    /// Absolute path of an extra CA bundle, if any.
    public var caFile: String?
    /// Allow plaintext to non-loopback hosts.
    public var allowInsecure: Bool
    /// Seconds between polls; default 30.
    public var pollInterval: Double
    /// Folder processed mail is moved to, if any.
    public var processedFolder: String?
    /// `[imap.oauth2]`: XOAUTH2 instead of the password (then `password` is empty).
    public var oauth2: OAuth2Settings?

    public init(
        name: String = "imap", url: String, username: String, password: String, caFile: String? = nil,
        allowInsecure: Bool = false, pollInterval: Double = 30, processedFolder: String? = nil
    ) {
        self.name = name
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.allowInsecure = allowInsecure
        self.pollInterval = pollInterval
        self.processedFolder = processedFolder
    }
}

/// `[maildir]`: a Maildir read as the mail source.
public struct MaildirConfig: Sendable {
    /// Absolute path of the Maildir (the directory holding `cur/`, `new/`, `tmp/`).
    public var path: String

    public init(path: String) {
        self.path = path
    }
}
