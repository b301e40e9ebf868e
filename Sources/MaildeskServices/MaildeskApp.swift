import Foundation
import HelpdeskCore
import Logging
import MailMIME
import MailTransport
import MaildeskConfig
import MaildeskStore

/// The wired application: database, ingest pipeline, mail source and sink, built from a
/// configuration. `main` stays tiny; tests build the same graph with their own config and hooks.
public final class MaildeskApp: Sendable {
    public let configuration: MaildeskConfiguration
    public let database: MaildeskDatabase
    public let ingest: IngestService
    public let source: any MailSource
    public let sender: OutboxSender
    public let logger: Logger
    /// The newest stored ticket classifier, refreshed once per poll.
    public let classifier: LiveClassifier
    let ingestLock: ProcessLock
    let sendLock: ProcessLock

    public struct Hooks: Sendable {
        /// Called after an IMAP batch is committed, before the server is touched (crash tests).
        public var imapAfterCommit: (@Sendable () throws -> Void)?
        public var clock: @Sendable () -> Date = Date.init
        public init(imapAfterCommit: (@Sendable () throws -> Void)? = nil) { self.imapAfterCommit = imapAfterCommit }
    }

    public init(configuration: MaildeskConfiguration, logger: Logger, hooks: Hooks = Hooks()) throws {
        self.configuration = configuration
        self.logger = logger
        database = try MaildeskDatabase(path: configuration.database.path)
        ingestLock = ProcessLock(path: configuration.database.path + ".ingest.lock")
        sendLock = ProcessLock(path: configuration.database.path + ".send.lock")

        let helpdesk = configuration.helpdesk
        let domain = helpdesk.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let secret = try SecretKey.loadOrCreate(path: helpdesk.secretFile)
        let signer = MessageIDSigner(secret: secret, domain: domain)
        let tokens = ReplyTokenCodec(secret: secret)
        let templates = try TemplateStore(directory: helpdesk.templates)
        let processor = IngestProcessor(
            classifier: MailClassifier(isOwnMessageID: { signer.verify($0) != nil },
                                       trustedAuthservID: helpdesk.trustedAuthservID),
            resolver: ThreadResolver(subjectTag: SubjectTag(prefix: helpdesk.subjectTag),
                                     closedReply: helpdesk.closedReply == .new ? .new : .reopen, signer: signer,
                                     tokens: tokens, supportAddress: helpdesk.address),
            factory: OutboundMailFactory(helpdesk: MailAddress(name: helpdesk.name, address: helpdesk.address),
                                         signer: signer, subjectTag: SubjectTag(prefix: helpdesk.subjectTag)),
            acknowledgementTemplate: templates.acknowledgement,
            ownAddresses: [helpdesk.address],
            autoRepliesPerAddressPerDay: configuration.limits.autoRepliesPerAddressPerDay,
            maxMessageBytes: configuration.limits.maxMessageBytes, clock: hooks.clock)
        var withTokens = processor
        withTokens.resolver.sameSubjectDays = helpdesk.sameSubjectDays
        withTokens.replyTokens = tokens
        withTokens.liveTemplates = LiveTemplates(templates, directory: helpdesk.templates)
        withTokens.adminAddress = helpdesk.admin
        let limits = configuration.limits
        withTokens.limiter = AutoReplyLimiter(
            perRecipient: limits.autoRepliesPerAddress.map { .init(max: $0.max, minutes: max(1, Int(($0.seconds / 60).rounded(.up)))) },
            perTicketRecipient: limits.autoRepliesPerTicketAddress.map { .init(max: $0.max, minutes: max(1, Int(($0.seconds / 60).rounded(.up)))) },
            perDay: limits.autoRepliesPerAddressPerDay)
        withTokens.undeliverableDays = Double(limits.undeliverableDays)
        classifier = LiveClassifier(threshold: configuration.classifier.threshold.map(Float.init), logger: logger)
        withTokens.liveClassifier = classifier
        ingest = IngestService(database: database, processor: withTokens, logger: logger)

        switch configuration.source {
        case let .maildir(maildir):
            source = MaildirSource(path: maildir.path, ingest: ingest)
        case let .imap(mailboxes):
            let imap = mailboxes[0]
            let endpoint = MailEndpoint(url: imap.url, username: imap.username, password: imap.password,
                                        caFile: imap.caFile, allowInsecure: imap.allowInsecure)
            source = IMAPPoller(name: "imap:\(imap.username)@\(Self.redacted(imap.url))", endpoint: endpoint,
                                processedFolder: imap.processedFolder, ingest: ingest, logger: logger,
                                afterCommit: hooks.imapAfterCommit)
        }
        let sink: any MailSink
        switch configuration.sink {
        case let .outbox(outbox):
            sink = DirectorySink(directory: outbox.directory)
        case let .smtp(smtp):
            sink = SMTPSink(endpoint: MailEndpoint(url: smtp.url, username: smtp.username, password: smtp.password,
                                                   caFile: smtp.caFile, allowInsecure: smtp.allowInsecure),
                            heloName: smtp.heloName ?? domain, logger: logger)
        }
        sender = OutboxSender(database: database, sink: sink,
                              policy: RetryPolicy(maxAttempts: configuration.limits.outboxMaxAttempts),
                              logger: logger, clock: hooks.clock)
    }

    /// Fetches and processes everything new, then (unless `send` is false) flushes the outbox.
    public func pollOnce(send: Bool, shouldStop: @escaping @Sendable () -> Bool = { false }) async throws
        -> (poll: PollReport, sent: OutboxSender.Report?) {
        let source = self.source
        classifier.refresh(database)
        let poll = try await ingestLock.withLock { try await source.pollOnce(shouldStop: shouldStop) }
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
        classifier.refresh(database)
        return try await ingestLock.withLock(timeout: 120) {
            try await ingest.ingest(raw, origin: MessageOrigin(source: "stdin"))
        }
    }

    /// A URL without any user:password part, for names and logs.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + url[url.index(after: at)...]
    }
}
