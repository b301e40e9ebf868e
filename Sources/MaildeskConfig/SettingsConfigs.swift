/// `[database]`.
public struct DatabaseConfig: Sendable {
    /// Absolute path of the SQLite file (required).
    public var path: String

    public init(path: String) {
        self.path = path
    }
}

/// `[limits]`: auto-mail rate limits and size caps.
public struct LimitsConfig: Sendable {
    /// `auto_replies_per_address_per_day`, default 40.
    /// - SeeAlso: RFC 3834 §2 (responders must limit automatic replies)
    public var autoRepliesPerAddressPerDay: Int
    /// `max_message_bytes`, default 52 428 800 (50 MiB).
    public var maxMessageBytes: Int
    /// `outbox_max_attempts`, default 12.
    public var outboxMaxAttempts: Int
    /// `auto_replies_per_address = ["30/10m", …]`: at most N automatic mails to one address per window.
    public var autoRepliesPerAddress: [RateLimitTier] = RateLimitTier.perAddressDefaults
    /// `auto_replies_per_ticket_address = ["10/10m", …]`: the same per ticket and address.
    public var autoRepliesPerTicketAddress: [RateLimitTier] = RateLimitTier.perTicketAddressDefaults
    /// `undeliverable_days`, default 60: how long a permanently bounced address gets no automatic mail.
    public var undeliverableDays: Int = 60
    /// `breaker_duration`, default 24 h: how long an address that tripped a limit gets no automatic mail.
    public var breakerDuration: Double = 86_400

    public init(autoRepliesPerAddressPerDay: Int = 40, maxMessageBytes: Int = 52_428_800, outboxMaxAttempts: Int = 12) {
        self.autoRepliesPerAddressPerDay = autoRepliesPerAddressPerDay
        self.maxMessageBytes = maxMessageBytes
        self.outboxMaxAttempts = outboxMaxAttempts
    }
}

/// `[kb]`: knowledge base.
public struct KBConfig: Sendable {
    /// Absolute path of the article directory, if any.
    public var directory: String?
    /// Minimum confidence (0…1) for an auto-answer; default 0.95, chosen on the Bitext evaluation
    /// set for ≥ 95% precision (docs/knowledge-base.md#figures).
    public var threshold: Double
    /// The sentence-embedding model's directory (`model.safetensors`, `tokenizer.json`); without it,
    /// matching is lexical only (docs/knowledge-base.md#embeddings).
    public var embeddingModel: String

    public static let defaultEmbeddingModel = "/usr/local/share/maildesk/models/all-MiniLM-L6-v2"

    public init(directory: String? = nil, threshold: Double = 0.95, embeddingModel: String = KBConfig.defaultEmbeddingModel) {
        self.directory = directory
        self.threshold = threshold
        self.embeddingModel = embeddingModel
    }
}

/// `[classifier]`: the ticket category classifier (`maildesk classify`).
public struct ClassifierConfig: Sendable {
    /// Minimum confidence (0…1) for a category; `nil` uses the threshold stored with the model
    /// (`classify train --threshold`, default 0.5).
    public var threshold: Double?

    public init(threshold: Double? = nil) {
        self.threshold = threshold
    }
}

/// `[retention]`: how many days after a ticket was closed its data is kept; `nil` keeps it forever. The
/// ticket itself (subject, dates, status, category, counts) stays for the statistics
/// (docs/admin-guide.md#retention).
public struct RetentionConfig: Sendable, Equatable {
    /// `raw_mail_days`: the raw messages.
    public var rawMailDays: Int?
    /// `attachment_days`: attachments (names and bytes).
    public var attachmentDays: Int?
    /// `text_days`: the entries' text (body, whole text, HTML).
    public var textDays: Int?
    /// `sent_mail_days`: the copies of mail we sent (outbox rows keep recipient, status and dates).
    public var sentMailDays: Int?

    public init(rawMailDays: Int? = nil, attachmentDays: Int? = nil, textDays: Int? = nil, sentMailDays: Int? = nil) {
        self.rawMailDays = rawMailDays
        self.attachmentDays = attachmentDays
        self.textDays = textDays
        self.sentMailDays = sentMailDays
    }
}

/// `[metrics]`.
public struct MetricsConfig: Sendable {
    /// Absolute path of a Prometheus node-exporter textfile, if any.
    public var textfile: String?

    public init(textfile: String? = nil) {
        self.textfile = textfile
    }
}

/// One rate-limit tier: at most `max` mails within `seconds` (written `"30/10m"` in the config).
public struct RateLimitTier: Sendable, Equatable {
    public var max: Int
    public var seconds: Double

    public init(max: Int, seconds: Double) {
        self.max = max
        self.seconds = seconds
    }

    /// Zammad's tiers (docs/design.md#loop-safety): 30/10 min, 60/30, 120/60, 240/180, 360/600 per address.
    public static let perAddressDefaults = [(30, 10), (60, 30), (120, 60), (240, 180), (360, 600)]
        .map { RateLimitTier(max: $0.0, seconds: Double($0.1) * 60) }
    /// Zammad's tiers (docs/design.md#loop-safety): 10/10 min, 15/30, 25/60, 50/180, 100/600 per ticket and address.
    public static let perTicketAddressDefaults = [(10, 10), (15, 30), (25, 60), (50, 180), (100, 600)]
        .map { RateLimitTier(max: $0.0, seconds: Double($0.1) * 60) }
}
