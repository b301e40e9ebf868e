import Foundation

/// `[imap.oauth2]` / `[smtp.oauth2]`: log in with OAuth 2.0 access tokens (SASL XOAUTH2) instead of a
/// password. maildesk refreshes the access token itself with the refresh-token grant (RFC 6749 §6) and
/// rewrites `refresh_token_file` when the provider rotates the refresh token
/// (docs/admin-guide.md#oauth2-xoauth2).
public struct OAuth2Settings: Sendable, Equatable {
    /// The provider's token endpoint: `https://…`, or `http://` to a loopback host.
    public var tokenURL: String
    public var clientID: String
    /// Read from `client_secret_file`; nil for a public client.
    public var clientSecret: String?
    /// Absolute path of the file holding the refresh token (one line), rewritten when it is rotated.
    public var refreshTokenFile: String
    public var scope: String?

    public init(tokenURL: String, clientID: String, clientSecret: String? = nil, refreshTokenFile: String,
                scope: String? = nil) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshTokenFile = refreshTokenFile
        self.scope = scope
    }
}

extension ConfigBuilder {
    static let oauth2Keys: Set<String> = ["token_url", "client_id", "client_secret_file", "refresh_token_file", "scope"]

    /// The `oauth2` table inside `parent` (`[imap.oauth2]`), or nil when there is none. It replaces the
    /// password: a `password_file` beside it is an error at the `oauth2` table.
    func oauth2(in parent: TableReader) throws(ConfigError) -> OAuth2Settings? {
        guard let value = parent.table["oauth2"] else { return nil }
        guard let table = value.table else { throw parent.error("oauth2", "expected a table [\(parent.section).oauth2]") }
        let reader = TableReader(table: table, section: parent.section + ".oauth2", index: nil, context: context)
        if parent.has(SecretResolver.passwordFileKey) {
            throw reader.error(nil, "an OAuth2 login needs no password: remove \(parent.label) password_file")
        }
        try reader.allowOnly(Self.oauth2Keys)
        let tokenURL = try reader.url("token_url", schemes: ["https", "http"])
        if tokenURL.lowercased().hasPrefix("http://"), !AddressRules.isLoopbackURL(tokenURL) {
            throw reader.error("token_url", "use https:// (http:// only to a loopback host)")
        }
        var clientSecret: String?
        if let file = try reader.path("client_secret_file") {
            switch FileText.read(file) {
            case let .failure(failure): throw reader.error("client_secret_file", "cannot read \(file): \(failure.reason)")
            case let .success(text): clientSecret = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return OAuth2Settings(tokenURL: tokenURL, clientID: try reader.requiredString("client_id"), clientSecret: clientSecret,
                              refreshTokenFile: try reader.requiredPath("refresh_token_file"), scope: try reader.string("scope"))
    }
}
