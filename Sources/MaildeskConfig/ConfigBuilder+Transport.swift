/// `[imap]` / `[maildir]` (mail source) and `[smtp]` / `[outbox]` (mail sink).
extension ConfigBuilder {
    static let inlinePasswordHint =
        "inline passwords are not allowed; put the secret in a file and set password_file "
        + "(or use the environment variable or systemd credential)"

    func sourceSection() throws(ConfigError) -> SourceConfig {
        guard let reader = try oneOf("imap", "maildir", purpose: "mail source") else { return .none }
        if reader.section == "maildir" {
            try reader.allowOnly(["path"])
            return .maildir(MaildirConfig(path: try reader.requiredPath("path")))
        }
        return .imap([try imap(reader)])
    }

    /// - SeeAlso: RFC 5092 §2 (mailbox in the URL path), RFC 9051 §11.1 (STARTTLS for `imap://`)
    private func imap(_ reader: TableReader) throws(ConfigError) -> IMAPConfig {
        try reader.allowOnly(
            ["url", "username", "password_file", "ca_file", "allow_insecure", "poll_interval", "processed_folder", "oauth2"],
            hints: ["password": Self.inlinePasswordHint])
        let url = try reader.url("url", schemes: ["imaps", "imap"])
        let username = try reader.requiredString("username")
        let oauth2 = try oauth2(in: reader)
        let source = SecretResolver.Source(environmentVariable: "MAILDESK_IMAP_PASSWORD", credential: "imap-password")
        let password = oauth2 != nil ? "" : try SecretResolver.resolve(reader, source: source, required: true) ?? ""
        var config = IMAPConfig(
            name: "imap",
            url: url,
            username: username,
            password: password,
            caFile: try reader.path("ca_file"),
            allowInsecure: try reader.bool("allow_insecure", default: false),
            pollInterval: try reader.duration("poll_interval") ?? 30,
            processedFolder: try reader.string("processed_folder"))
        config.oauth2 = oauth2
        return config
    }

    func sinkSection() throws(ConfigError) -> SinkConfig {
        guard let reader = try oneOf("smtp", "outbox", purpose: "mail sink") else {
            throw ConfigError(
                file: context.file, key: "smtp", message: "missing mail sink: add an [smtp] or an [outbox] table")
        }
        if reader.section == "outbox" {
            try reader.allowOnly(["directory"])
            return .outbox(OutboxConfig(directory: try reader.requiredPath("directory")))
        }
        return .smtp(try smtp(reader))
    }

    /// - SeeAlso: RFC 8314 §3.3 (implicit TLS for `smtps://`), RFC 3207 (STARTTLS for `smtp://`)
    private func smtp(_ reader: TableReader) throws(ConfigError) -> SMTPConfig {
        try reader.allowOnly(
            ["url", "username", "password_file", "ca_file", "allow_insecure", "helo_name", "oauth2"],
            hints: ["password": Self.inlinePasswordHint])
        let url = try reader.url("url", schemes: ["smtps", "smtp"])
        let oauth2 = try oauth2(in: reader)
        let username = oauth2 != nil ? try reader.requiredString("username") : try reader.string("username")
        let source = SecretResolver.Source(environmentVariable: "MAILDESK_SMTP_PASSWORD", credential: "smtp-password")
        let password = oauth2 != nil ? nil : try SecretResolver.resolve(reader, source: source, required: username != nil)
        var config = SMTPConfig(
            url: url,
            username: username,
            password: password,
            caFile: try reader.path("ca_file"),
            allowInsecure: try reader.bool("allow_insecure", default: false),
            heloName: try reader.string("helo_name"))
        config.oauth2 = oauth2
        return config
    }
}
