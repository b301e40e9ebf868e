/// The whole maildesk configuration, as read from `maildesk.toml`.
///
/// Build one with ``ConfigLoader/load(path:environment:)``; every relative path in it has already been
/// resolved against the config file's directory and every secret has been read.
/// Tests and tools may also build one directly with the memberwise initializer.
public struct MaildeskConfiguration: Sendable {
    /// The file the configuration came from, as given to the loader (`nil` for in-memory text).
    public var configPath: String?
    /// `[database]`: where the SQLite database lives.
    public var database: DatabaseConfig
    /// Exactly one of `[imap]` or `[maildir]`.
    public var source: SourceConfig
    /// Exactly one of `[smtp]` or `[outbox]`.
    public var sink: SinkConfig
    /// `[helpdesk]` and its `[[helpdesk.agents]]`.
    public var helpdesk: HelpdeskConfig
    /// `[limits]`: auto-mail rate limits and size caps.
    public var limits: LimitsConfig
    /// `[kb]`: knowledge-base directory and answer threshold.
    public var kb: KBConfig
    /// `[classifier]`: confidence threshold of the ticket classifier.
    public var classifier: ClassifierConfig
    /// `[retention]`: how long raw mail is kept.
    public var retention: RetentionConfig
    /// `[metrics]`: Prometheus textfile output.
    public var metrics: MetricsConfig

    public init(
        configPath: String? = nil,
        database: DatabaseConfig,
        source: SourceConfig,
        sink: SinkConfig,
        helpdesk: HelpdeskConfig,
        limits: LimitsConfig = LimitsConfig(),
        kb: KBConfig = KBConfig(),
        retention: RetentionConfig = RetentionConfig(),
        metrics: MetricsConfig = MetricsConfig(),
        classifier: ClassifierConfig = ClassifierConfig()
    ) {
        self.configPath = configPath
        self.database = database
        self.source = source
        self.sink = sink
        self.helpdesk = helpdesk
        self.limits = limits
        self.kb = kb
        self.retention = retention
        self.metrics = metrics
        self.classifier = classifier
    }
}
