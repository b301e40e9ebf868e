import Foundation
import Logging
import MailMIME
import MailTransport
import MaildeskConfig
import MaildeskStore

/// The wired application: database, ingest pipeline, mail source and sink, built from a
/// configuration. `main` stays tiny; tests build the same graph with their own config and hooks.
public final class MaildeskApp: Sendable {
    /// What SIGHUP may change (configuration in effect, templates, the ingest processor, limits).
    public let settings: LiveSettings
    /// Re-reads the config file on SIGHUP (`maildesk run`).
    public let reloader: ConfigReloader
    public let database: MaildeskDatabase
    public let ingest: IngestService
    /// Nil when mail arrives only through `maildesk ingest` (no `[imap]` or `[maildir]`).
    public let source: (any MailSource)?
    public let sender: OutboxSender
    /// IMAP and SMTP endpoints, with their OAuth2 token sources.
    public let endpoints: MailEndpoints
    public let logger: Logger
    /// The newest stored ticket classifier, refreshed once per poll.
    public let classifier: LiveClassifier
    /// The due estimate, refitted at most hourly (checked once per poll).
    public let due: LiveDueEstimator
    /// `[kb] directory` is (re-)imported before the next poll: at start and after a reload (SIGHUP).
    let knowledgeBaseStale: KnowledgeBaseStaleFlag
    let ingestLock: ProcessLock
    let sendLock: ProcessLock

    /// The configuration in effect: as loaded at start, with the live keys of the last reload.
    public var configuration: MaildeskConfiguration { settings.snapshot.configuration }

    public struct Hooks: Sendable {
        /// Called after an IMAP batch is committed, before the server is touched (crash tests).
        public var imapAfterCommit: (@Sendable () throws -> Void)?
        public var clock: @Sendable () -> Date = Date.init
        public init(imapAfterCommit: (@Sendable () throws -> Void)? = nil) { self.imapAfterCommit = imapAfterCommit }
    }

    public init(configuration: MaildeskConfiguration, logger: Logger, hooks: Hooks = Hooks()) throws {
        self.logger = logger
        database = try MaildeskDatabase(path: configuration.database.path)
        ingestLock = ProcessLock(path: configuration.database.path + ".ingest.lock")
        sendLock = ProcessLock(path: configuration.database.path + ".send.lock")

        let classifier = LiveClassifier(threshold: configuration.classifier.threshold.map(Float.init), logger: logger)
        self.classifier = classifier
        let due = LiveDueEstimator(logger: logger)
        self.due = due
        let factory = RuntimeSettingsFactory(secret: try SecretKey.loadOrCreate(path: configuration.helpdesk.secretFile),
                                             clock: hooks.clock, classifier: classifier, due: due)
        let settings = LiveSettings(factory.make(configuration, templates: try TemplateStore(directory: configuration.helpdesk.templates)),
                                    factory: factory)
        self.settings = settings
        let stale = KnowledgeBaseStaleFlag()
        knowledgeBaseStale = stale
        var reloader = ConfigReloader(settings: settings, configPath: configuration.configPath)
        reloader.onApplied = { stale.set() }
        self.reloader = reloader
        ingest = IngestService(database: database, settings: settings, logger: logger)
        let endpoints = MailEndpoints(logger: logger)
        self.endpoints = endpoints

        switch configuration.source {
        case .none:
            source = nil
        case let .maildir(maildir):
            source = MaildirSource(path: maildir.path, ingest: ingest)
        case let .imap(mailboxes):
            let imap = mailboxes[0]
            let endpoint = try endpoints.imap(imap)
            source = IMAPPoller(name: "imap:\(imap.username)@\(Self.redacted(imap.url))", endpoint: endpoint,
                                processedFolder: imap.processedFolder, ingest: ingest, logger: logger,
                                afterCommit: hooks.imapAfterCommit)
        }
        let sink: any MailSink
        switch configuration.sink {
        case let .outbox(outbox):
            sink = DirectorySink(directory: outbox.directory)
        case let .smtp(smtp):
            sink = SMTPSink(endpoint: try endpoints.smtp(smtp),
                            heloName: smtp.heloName ?? RuntimeSettingsFactory.domain(of: configuration.helpdesk.address),
                            logger: logger)
        }
        var outboxSender = OutboxSender(database: database, sink: sink, policy: { settings.snapshot.retryPolicy },
                                        logger: logger, clock: hooks.clock)
        outboxSender.onPermanentFailure = { db, row, reason in
            try DeliveryFailureNotice(processor: settings.snapshot.processor, db: db, now: settings.snapshot.processor.clock())
                .record(row, reason: reason)
        }
        sender = outboxSender
    }

    /// Fetches and processes everything new, then (unless `send` is false) flushes the outbox. Without a
    /// mail source (pipe delivery only) nothing is fetched, and the timed work still runs: model refresh,
    /// the KB import and retention.
    public func pollOnce(send: Bool, shouldStop: @escaping @Sendable () -> Bool = { false }) async throws
        -> (poll: PollReport, sent: OutboxSender.Report?) {
        let source = self.source
        refreshModels()
        importKnowledgeBaseIfStale()
        let poll = try await ingestLock.withLock {
            let report = try await source?.pollOnce(shouldStop: shouldStop) ?? PollReport()
            try await applyRetention()
            return report
        }
        guard send else { return (poll, nil) }
        return (poll, try await flushOutbox(shouldStop: shouldStop))
    }

    public func flushOutbox(shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> OutboxSender.Report {
        let sender = self.sender
        return try await sendLock.withLock { try await sender.flush(shouldStop: shouldStop) }
    }

    /// One message from standard input (MTA pipe delivery).
    public func ingestMessage(_ raw: [UInt8]) async throws -> IngestResult {
        let ingest = self.ingest
        refreshModels()
        return try await ingestLock.withLock(timeout: 120) {
            try await ingest.ingest(raw, origin: MessageOrigin(source: "stdin"))
        }
    }

    /// The classifier (newest stored version) and the due estimate (hourly) before a unit of ingest work.
    func refreshModels() {
        classifier.refresh(database)
        due.refresh(database, now: settings.snapshot.processor.clock())
    }

    /// A URL without any user:password part, for names and logs.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + url[url.index(after: at)...]
    }
}
