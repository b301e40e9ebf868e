/// `[limits]`, `[kb]`, `[retention]`, `[metrics]`: optional tables with defaults.
extension ConfigBuilder {
    func limitsSection() throws(ConfigError) -> LimitsConfig {
        let defaults = LimitsConfig()
        guard let reader = section("limits") else { return defaults }
        try reader.allowOnly(["auto_replies_per_address_per_day", "max_message_bytes", "outbox_max_attempts"])
        return LimitsConfig(
            autoRepliesPerAddressPerDay: try reader.int("auto_replies_per_address_per_day", minimum: 0)
                ?? defaults.autoRepliesPerAddressPerDay,
            maxMessageBytes: try reader.int("max_message_bytes", minimum: 1) ?? defaults.maxMessageBytes,
            outboxMaxAttempts: try reader.int("outbox_max_attempts", minimum: 1) ?? defaults.outboxMaxAttempts)
    }

    func kbSection() throws(ConfigError) -> KBConfig {
        let defaults = KBConfig()
        guard let reader = section("kb") else { return defaults }
        try reader.allowOnly(["directory", "threshold"])
        return KBConfig(
            directory: try reader.path("directory"),
            threshold: try reader.double("threshold", in: 0...1) ?? defaults.threshold)
    }

    func retentionSection() throws(ConfigError) -> RetentionConfig {
        guard let reader = section("retention") else { return RetentionConfig() }
        try reader.allowOnly(["raw_mail_days"])
        return RetentionConfig(rawMailDays: try reader.int("raw_mail_days", minimum: 1))
    }

    func metricsSection() throws(ConfigError) -> MetricsConfig {
        guard let reader = section("metrics") else { return MetricsConfig() }
        try reader.allowOnly(["textfile"])
        return MetricsConfig(textfile: try reader.path("textfile"))
    }
}
