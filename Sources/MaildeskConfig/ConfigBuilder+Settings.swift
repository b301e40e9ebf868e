/// `[limits]`, `[kb]`, `[classifier]`, `[retention]`, `[metrics]`: optional tables with defaults.
extension ConfigBuilder {
    func limitsSection() throws(ConfigError) -> LimitsConfig {
        let defaults = LimitsConfig()
        guard let reader = section("limits") else { return defaults }
        try reader.allowOnly(["auto_replies_per_address_per_day", "max_message_bytes", "outbox_max_attempts",
                              "auto_replies_per_address", "auto_replies_per_ticket_address", "undeliverable_days",
                              "breaker_duration"])
        var limits = LimitsConfig(
            autoRepliesPerAddressPerDay: try reader.int("auto_replies_per_address_per_day", minimum: 0)
                ?? defaults.autoRepliesPerAddressPerDay,
            maxMessageBytes: try reader.int("max_message_bytes", minimum: 1) ?? defaults.maxMessageBytes,
            outboxMaxAttempts: try reader.int("outbox_max_attempts", minimum: 1) ?? defaults.outboxMaxAttempts)
        limits.autoRepliesPerAddress = try rateTiers(reader, "auto_replies_per_address") ?? defaults.autoRepliesPerAddress
        limits.autoRepliesPerTicketAddress = try rateTiers(reader, "auto_replies_per_ticket_address")
            ?? defaults.autoRepliesPerTicketAddress
        limits.undeliverableDays = try reader.int("undeliverable_days", minimum: 0) ?? defaults.undeliverableDays
        limits.breakerDuration = try reader.duration("breaker_duration") ?? defaults.breakerDuration
        return limits
    }

    /// `["30/10m", "60/30m"]`: N mails per duration.
    private func rateTiers(_ reader: TableReader, _ key: String) throws(ConfigError) -> [RateLimitTier]? {
        guard let value = reader.table[key] else { return nil }
        let wrong = reader.error(key, "expected an array of \"N/DURATION\" strings, e.g. [\"30/10m\", \"60/30m\"]")
        guard let array = value.array else { throw wrong }
        var tiers: [RateLimitTier] = []
        for index in 0..<array.count {
            guard let text = array[index].string else { throw wrong }
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let max = Int(parts[0]), max >= 0,
                  let seconds = DurationParser.seconds(parts[1]), seconds > 0 else { throw wrong }
            tiers.append(RateLimitTier(max: max, seconds: seconds))
        }
        return tiers
    }

    func kbSection() throws(ConfigError) -> KBConfig {
        let defaults = KBConfig()
        guard let reader = section("kb") else { return defaults }
        try reader.allowOnly(["directory", "threshold", "embedding_model"])
        return KBConfig(
            directory: try reader.path("directory"),
            threshold: try reader.double("threshold", in: 0...1) ?? defaults.threshold,
            embeddingModel: try reader.path("embedding_model") ?? defaults.embeddingModel)
    }

    func classifierSection() throws(ConfigError) -> ClassifierConfig {
        guard let reader = section("classifier") else { return ClassifierConfig() }
        try reader.allowOnly(["threshold"])
        return ClassifierConfig(threshold: try reader.double("threshold", in: 0...1))
    }

    func retentionSection() throws(ConfigError) -> RetentionConfig {
        guard let reader = section("retention") else { return RetentionConfig() }
        try reader.allowOnly(["raw_mail_days", "attachment_days", "text_days", "sent_mail_days"])
        return RetentionConfig(rawMailDays: try reader.int("raw_mail_days", minimum: 1),
                               attachmentDays: try reader.int("attachment_days", minimum: 1),
                               textDays: try reader.int("text_days", minimum: 1),
                               sentMailDays: try reader.int("sent_mail_days", minimum: 1))
    }

    func metricsSection() throws(ConfigError) -> MetricsConfig {
        guard let reader = section("metrics") else { return MetricsConfig() }
        try reader.allowOnly(["textfile"])
        return MetricsConfig(textfile: try reader.path("textfile"))
    }
}
