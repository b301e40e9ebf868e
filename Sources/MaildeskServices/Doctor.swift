import Foundation
import GRDB
import Logging
import MailTransport
import MaildeskConfig
import MaildeskStore

/// `maildesk doctor`: checks an installation the way `postfix check` does. Each check gives one line;
/// any failure makes the command exit 1. The configuration itself was loaded before (a config error
/// exits 78 first).
public struct Doctor: Sendable {
    public let app: MaildeskApp
    /// Seconds a mail server may take before its check fails.
    public var timeoutSeconds: Int = 20
    /// The local clock the `clock` check compares with the IMAP server's.
    public var now: @Sendable () -> Date = Date.init

    public init(app: MaildeskApp) { self.app = app }

    public func run() async -> [DoctorCheck] {
        let configuration = app.configuration
        var checks = [DoctorCheck("config", ok: true, "\(configuration.configPath ?? "(in memory)") loaded")]
        checks.append(await databaseIntegrity())
        let directory = (configuration.database.path as NSString).deletingLastPathComponent
        checks.append(DoctorFileChecks.diskSpace(at: directory.isEmpty ? "." : directory))
        checks.append(DoctorFileChecks.secretPermissions(name: "secret_file", path: configuration.helpdesk.secretFile))
        let passwordFiles = configuration.configPath.map(DoctorFileChecks.passwordFiles(configPath:)) ?? []
        if passwordFiles.isEmpty {
            checks.append(DoctorCheck("password_file", ok: true, "none configured (passwords from environment or credentials)"))
        }
        for file in passwordFiles {
            checks.append(DoctorFileChecks.secretPermissions(name: "password_file (\(file.section))", path: file.path))
        }
        var outboxDirectory: String?
        if case let .outbox(outbox) = configuration.sink { outboxDirectory = outbox.directory }
        checks += DoctorFileChecks.fileModes(database: configuration.database.path, outboxDirectory: outboxDirectory)
        let executor = BlockingExecutor(name: "maildesk-doctor")
        defer { executor.shutdown() }
        checks += await sourceChecks(executor)
        checks.append(await sinkCheck(executor))
        // After the logins above, which refreshed the access tokens they needed.
        for (_, source) in app.endpoints.tokenSources {
            let state = source.state()
            checks.append(DoctorCheck("oauth2", ok: state.lastError == nil && state.hasValidAccessToken && !state.refreshTokenFileTooOpen,
                                      state.summary + (state.refreshTokenFileTooOpen ? "; run chmod 600 on it" : "")))
        }
        checks.append(await outboxCheck())
        checks.append(await retentionCheck())
        checks.append(embeddingModelCheck())
        return checks
    }

    func databaseIntegrity() async -> DoctorCheck {
        do {
            let result = try app.database.quickCheck()
            return DoctorCheck("database", ok: result == "ok", "quick_check \(result) (\(app.database.path))")
        } catch {
            return DoctorCheck("database", ok: false, "quick_check failed on \(app.database.path): \(error)")
        }
    }

    /// The mail source: IMAP login and mailbox, then the clock against the server's (one session).
    func sourceChecks(_ executor: BlockingExecutor) async -> [DoctorCheck] {
        switch app.configuration.source {
        case .none:
            return [DoctorCheck("mail source", ok: true, "none (pipe delivery only)"),
                    DoctorCheck("clock", ok: true, "not checked (no mail server to compare with)")]
        case let .maildir(maildir):
            return [DoctorFileChecks.maildir(maildir.path),
                    DoctorCheck("clock", ok: true, "not checked (a Maildir source has no server clock)")]
        case let .imap(mailboxes):
            let imap = mailboxes[0]
            let endpoint: MailEndpoint
            do {
                endpoint = try app.endpoints.imap(imap, timeoutSeconds: timeoutSeconds)
            } catch {
                return [DoctorCheck("imap", ok: false, "\(error)")]
            }
            let logger = app.logger, security = Self.security(imap.url), processedFolder = imap.processedFolder
            do {
                // One session on the IMAP thread: login and STATUS, then the newest INTERNALDATE.
                let (mailbox, status, newest) = try await executor.run {
                    () throws -> (String, IMAPMailboxStatus, Result<(IMAPInternalDate, String)?, TransportError>) in
                    let connection = try IMAPConnection(endpoint: endpoint, logger: logger)
                    let status = try connection.status()
                    return (connection.mailbox, status, Result { () throws(TransportError) in
                        try Self.newestInternalDate(connection, processedFolder: processedFolder)
                    })
                }
                let login = DoctorCheck("imap", ok: true, "logged in as \(imap.username) over \(security) at "
                    + "\(MaildeskApp.redacted(imap.url)); \(mailbox): UIDVALIDITY \(status.uidValidity), \(status.messages) messages")
                switch newest {
                case let .success(found):
                    return [login, DoctorClockCheck.evaluate(found?.0, mailbox: found?.1 ?? mailbox, now: now())]
                case let .failure(error):
                    return [login, DoctorCheck("clock", ok: false, "cannot read the newest message's INTERNALDATE: \(error)")]
                }
            } catch {
                return [DoctorCheck("imap", ok: false, "\(error)"),
                        DoctorCheck("clock", ok: false, "not checked: no IMAP session (see the imap check)")]
            }
        }
    }

    /// The newest INTERNALDATE in the mailbox; when it is empty (processed mail is moved away), the
    /// newest in `processedFolder` (MOVE and COPY keep the internal date, RFC 3501 §6.4.7). A processed
    /// folder that does not exist yet counts as empty.
    static func newestInternalDate(_ connection: IMAPConnection, processedFolder: String?)
        throws(TransportError) -> (IMAPInternalDate, String)?
    {
        if let newest = try connection.newestInternalDate() { return (newest, connection.mailbox) }
        guard let processedFolder else { return nil }
        do {
            return try connection.newestInternalDate(in: processedFolder).map { ($0, processedFolder) }
        } catch where error.kind == .protocolError {
            return nil
        }
    }

    func sinkCheck(_ executor: BlockingExecutor) async -> DoctorCheck {
        switch app.configuration.sink {
        case let .outbox(outbox):
            let writable = FileManager.default.isWritableFile(atPath: outbox.directory)
                || !FileManager.default.fileExists(atPath: outbox.directory)
            return DoctorCheck("outbox_directory", ok: writable, writable ? "\(outbox.directory) writable" : "\(outbox.directory) is not writable")
        case let .smtp(smtp):
            let endpoint: MailEndpoint
            do {
                endpoint = try app.endpoints.smtp(smtp, timeoutSeconds: timeoutSeconds)
            } catch {
                return DoctorCheck("smtp", ok: false, "\(error)")
            }
            let domain = app.configuration.helpdesk.address.split(separator: "@").last.map(String.init) ?? "localhost"
            let helo = smtp.heloName ?? domain, logger = app.logger, security = Self.security(smtp.url)
            do {
                let reply = try await executor.run {
                    try SMTPConnection(endpoint: endpoint, heloName: helo, logger: logger).verify()
                }
                let who = smtp.username.map { "logged in as \($0)" } ?? "connected (no AUTH configured)"
                return DoctorCheck("smtp", ok: true, "\(who) over \(security) at \(MaildeskApp.redacted(smtp.url)); NOOP \(reply.code)")
            } catch {
                return DoctorCheck("smtp", ok: false, "\(error)")
            }
        }
    }

    func outboxCheck() async -> DoctorCheck {
        let now = Date()
        do {
            let (failed, queued, oldest) = try await app.database.writer.read { try OutboxQueue.health($0) }
            var detail = "\(failed) failed, \(queued) queued"
            guard let oldest else { return DoctorCheck("outbox", ok: true, detail) }
            let age = now.timeIntervalSince(oldest)
            detail += ", oldest queued \(Self.age(age)) ago"
            if age > 86_400 { return DoctorCheck("outbox", ok: false, detail + " (mail is not leaving: check smtp)") }
            return DoctorCheck("outbox", ok: true, detail)
        } catch {
            return DoctorCheck("outbox", ok: false, "cannot read the outbox: \(error)")
        }
    }

    /// How the URL says the session is protected (certificates are always verified).
    static func security(_ url: String) -> String {
        url.lowercased().hasPrefix("imaps://") || url.lowercased().hasPrefix("smtps://") ? "TLS" : "STARTTLS"
    }

    static func age(_ seconds: TimeInterval) -> String {
        if seconds < 120 { return "\(Int(seconds)) s" }
        if seconds < 7_200 { return "\(Int(seconds / 60)) min" }
        if seconds < 172_800 { return "\(Int(seconds / 3_600)) h" }
        return "\(Int(seconds / 86_400)) d"
    }
}
