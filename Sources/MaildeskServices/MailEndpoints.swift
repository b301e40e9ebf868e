import Foundation
import Logging
import MailTransport
import MaildeskConfig

/// The IMAP and SMTP endpoints of a configuration. An endpoint with `[imap.oauth2]` or `[smtp.oauth2]`
/// carries an ``OAuth2TokenSource``; there is one per refresh token file, so IMAP and SMTP naming the same
/// file share it (a rotated refresh token is then never used twice) (docs/admin-guide.md#oauth2-xoauth2).
public final class MailEndpoints: @unchecked Sendable {
    let logger: Logger
    private let lock = NSLock()
    private var sources: [String: OAuth2TokenSource] = [:]

    public init(logger: Logger) {
        self.logger = logger
    }

    public func imap(_ imap: IMAPConfig, timeoutSeconds: Int = 60) throws -> MailEndpoint {
        var endpoint = MailEndpoint(url: imap.url, username: imap.username, password: imap.oauth2 == nil ? imap.password : nil,
                                    caFile: imap.caFile, allowInsecure: imap.allowInsecure, timeoutSeconds: timeoutSeconds)
        endpoint.tokenSource = try imap.oauth2.map { try source($0, caFile: imap.caFile) }
        return endpoint
    }

    public func smtp(_ smtp: SMTPConfig, timeoutSeconds: Int = 60) throws -> MailEndpoint {
        var endpoint = MailEndpoint(url: smtp.url, username: smtp.username, password: smtp.oauth2 == nil ? smtp.password : nil,
                                    caFile: smtp.caFile, allowInsecure: smtp.allowInsecure, timeoutSeconds: timeoutSeconds)
        endpoint.tokenSource = try smtp.oauth2.map { try source($0, caFile: smtp.caFile) }
        return endpoint
    }

    /// The token sources made so far, by refresh token file (`doctor`).
    public var tokenSources: [(file: String, source: OAuth2TokenSource)] {
        lock.withLock { sources.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    func source(_ settings: OAuth2Settings, caFile: String?) throws -> OAuth2TokenSource {
        try lock.withLock {
            if let known = sources[settings.refreshTokenFile] { return known }
            let configuration = OAuth2Configuration(
                tokenURL: settings.tokenURL, clientID: settings.clientID, clientSecret: settings.clientSecret,
                refreshTokenFile: settings.refreshTokenFile, scope: settings.scope, caFile: caFile)
            let made = try OAuth2TokenSource(configuration: configuration, logger: logger)
            sources[settings.refreshTokenFile] = made
            return made
        }
    }
}
