import Foundation
import HelpdeskCore
import MailMIME
import MaildeskConfig
import Synchronization

/// Everything a running daemon may change without reopening a resource: the configuration in effect,
/// the mail texts, and what is derived from them (the ingest processor with its limits and identity,
/// the outbox retry policy, the poll interval, the metrics file). One immutable value; a reload builds
/// a new one and swaps it in whole, so a reader never sees half of an old and half of a new config.
public struct RuntimeSettings: Sendable {
    /// The configuration in effect (restart-only keys as they were at start).
    public let configuration: MaildeskConfiguration
    public let templates: TemplateStore
    public let processor: IngestProcessor
    public let retryPolicy: RetryPolicy
    /// `[imap] poll_interval` (30 s for a Maildir).
    public let pollInterval: Duration
    public let metrics: MetricsWriter?
}

/// The current ``RuntimeSettings`` of a `MaildeskApp`, swapped on SIGHUP. Readers take one snapshot per
/// unit of work (a poll, an ingest group, an outbox flush), never per message field: reading is one
/// uncontended lock and a copy of a few references.
public final class LiveSettings: Sendable {
    private let current: Mutex<RuntimeSettings>
    let factory: RuntimeSettingsFactory

    init(_ settings: RuntimeSettings, factory: RuntimeSettingsFactory) {
        current = Mutex(settings)
        self.factory = factory
    }

    /// The settings in use now.
    public var snapshot: RuntimeSettings { current.withLock { $0 } }

    /// Builds settings from `configuration` with freshly read templates and swaps them in.
    /// On error (an unreadable template) nothing changes and the error is thrown.
    func apply(_ configuration: MaildeskConfiguration) throws {
        let fresh = try factory.make(configuration, templates: TemplateStore(directory: configuration.helpdesk.templates))
        current.withLock { $0 = fresh }
    }
}

/// Builds ``RuntimeSettings`` from a configuration. Holds what is fixed for the life of the process:
/// the HMAC secret (Message-ID signer, reply tokens) and the clock.
struct RuntimeSettingsFactory: Sendable {
    let secret: [UInt8]
    let clock: @Sendable () -> Date
    /// The stored ticket classifier (one for the process, refreshed per poll; survives reloads).
    var classifier: LiveClassifier? = nil
    /// The due estimate (one for the process, refitted hourly; survives reloads).
    var due: LiveDueEstimator? = nil

    func make(_ configuration: MaildeskConfiguration, templates: TemplateStore) -> RuntimeSettings {
        let helpdesk = configuration.helpdesk
        let domain = Self.domain(of: helpdesk.address)
        let signer = MessageIDSigner(secret: secret, domain: domain)
        let tokens = ReplyTokenCodec(secret: secret)
        let tag = SubjectTag(prefix: helpdesk.subjectTag)
        let limits = configuration.limits
        var processor = IngestProcessor(
            classifier: MailClassifier(isOwnMessageID: { signer.verify($0) != nil },
                                       trustedAuthservID: helpdesk.trustedAuthservID),
            resolver: ThreadResolver(subjectTag: tag, closedReply: helpdesk.closedReply == .new ? .new : .reopen,
                                     signer: signer, tokens: tokens, supportAddress: helpdesk.address),
            factory: OutboundMailFactory(helpdesk: MailAddress(name: helpdesk.name, address: helpdesk.address),
                                         signer: signer, subjectTag: tag),
            acknowledgementTemplate: templates.acknowledgement,
            ownAddresses: [helpdesk.address],
            autoRepliesPerAddressPerDay: limits.autoRepliesPerAddressPerDay,
            maxMessageBytes: limits.maxMessageBytes, clock: clock)
        processor.resolver.sameSubjectDays = helpdesk.sameSubjectDays
        processor.replyTokens = tokens
        processor.adminAddress = helpdesk.admin
        processor.limiter = AutoReplyLimiter(perRecipient: limits.autoRepliesPerAddress.map(Self.tier),
                                             perTicketRecipient: limits.autoRepliesPerTicketAddress.map(Self.tier),
                                             perDay: limits.autoRepliesPerAddressPerDay)
        processor.undeliverableDays = Double(limits.undeliverableDays)
        processor.breakerDuration = limits.breakerDuration
        processor.templates = templates
        processor.agents = AgentRecognizer(
            agents: helpdesk.agents,
            trustedAuthservID: helpdesk.trustedAuthservID)
        processor.copyAgents = helpdesk.copyAgents
        processor.liveClassifier = classifier
        processor.liveDue = due
        let live = classifier
        processor.knowledgeBase = KnowledgeBase(predictCategory: { live?.classify($0)?.category })
        processor.kbThreshold = configuration.kb.threshold
        let pollSeconds: Double
        switch configuration.source {
        case let .imap(mailboxes): pollSeconds = mailboxes.first?.pollInterval ?? 30
        case .maildir, .none: pollSeconds = 30
        }
        return RuntimeSettings(configuration: configuration, templates: templates, processor: processor,
                               retryPolicy: RetryPolicy(maxAttempts: limits.outboxMaxAttempts),
                               pollInterval: .milliseconds(Int((pollSeconds * 1000).rounded())),
                               metrics: configuration.metrics.textfile.map(MetricsWriter.init(path:)))
    }

    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    static func tier(_ tier: RateLimitTier) -> AutoReplyLimiter.Tier {
        .init(max: tier.max, minutes: max(1, Int((tier.seconds / 60).rounded(.up))))
    }
}
