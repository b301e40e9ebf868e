/// What changed between the configuration a daemon runs with and a freshly read one, split into keys a
/// running `maildesk run` applies on SIGHUP and keys that need `systemctl restart` because they name a
/// resource opened at start (database, mail servers, credentials, directories, the signing secret).
///
/// Keys are named the way an admin reads them (`[helpdesk] name`). Values are compared, never printed,
/// so a changed password shows up as its key only.
public struct ConfigChanges: Sendable, Equatable {
    /// Changed keys applied live, in file order of their tables.
    public var live: [String]
    /// Changed keys that are ignored until a restart.
    public var needRestart: [String]

    public var isEmpty: Bool { live.isEmpty && needRestart.isEmpty }

    public init(live: [String] = [], needRestart: [String] = []) {
        self.live = live
        self.needRestart = needRestart
    }

    /// Compares `running` with `loaded` key by key.
    public static func between(_ running: MaildeskConfiguration, _ loaded: MaildeskConfiguration) -> ConfigChanges {
        ConfigChanges(live: differing(liveKeys(running), liveKeys(loaded)),
                      needRestart: differing(restartKeys(running), restartKeys(loaded)))
    }

    /// The configuration to run with after a reload: `loaded`'s live keys on top of `running`'s restart keys
    /// (the database, source and sink, support address and secret stay as they were opened).
    public static func applying(_ loaded: MaildeskConfiguration, to running: MaildeskConfiguration) -> MaildeskConfiguration {
        var merged = loaded
        merged.configPath = running.configPath
        merged.database = running.database
        merged.sink = running.sink
        merged.helpdesk.address = running.helpdesk.address
        merged.helpdesk.secretFile = running.helpdesk.secretFile
        merged.source = running.source
        if case var .imap(mailboxes) = running.source, case let .imap(fresh) = loaded.source,
           !mailboxes.isEmpty, let first = fresh.first {
            mailboxes[0].pollInterval = first.pollInterval
            merged.source = .imap(mailboxes)
        }
        return merged
    }

    /// Keys whose value differs or that exist on one side only, in the order `old` then `new` list them.
    static func differing(_ old: [(String, String)], _ new: [(String, String)]) -> [String] {
        let before = Dictionary(old, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new, uniquingKeysWith: { first, _ in first })
        var keys: [String] = []
        for (key, _) in old + new where before[key] != after[key] && !keys.contains(key) { keys.append(key) }
        return keys
    }

    /// Keys `maildesk run` applies on SIGHUP, with a comparable rendering of each value.
    static func liveKeys(_ c: MaildeskConfiguration) -> [(String, String)] {
        var keys: [(String, String)] = []
        if case let .imap(mailboxes) = c.source, let imap = mailboxes.first {
            keys.append(("[imap] poll_interval", "\(imap.pollInterval)"))
        }
        let h = c.helpdesk
        keys += [
            ("[helpdesk] name", h.name), ("[helpdesk] subject_tag", h.subjectTag),
            ("[helpdesk] admin", h.admin ?? ""), ("[helpdesk] closed_reply", h.closedReply.rawValue),
            ("[helpdesk] trusted_authserv_id", h.trustedAuthservID ?? ""), ("[helpdesk] templates", h.templates ?? ""),
            ("[helpdesk] same_subject_days", "\(h.sameSubjectDays)"),
            ("[[helpdesk.agents]]", h.agents.map { "\($0.id)|\($0.address)|\($0.name)|\($0.team ?? "")" }.joined(separator: "\n")),
        ]
        let l = c.limits
        keys += [
            ("[limits] auto_replies_per_address_per_day", "\(l.autoRepliesPerAddressPerDay)"),
            ("[limits] max_message_bytes", "\(l.maxMessageBytes)"),
            ("[limits] outbox_max_attempts", "\(l.outboxMaxAttempts)"),
            ("[limits] auto_replies_per_address", l.autoRepliesPerAddress.map { "\($0.max)/\($0.seconds)" }.joined(separator: ",")),
            ("[limits] auto_replies_per_ticket_address",
             l.autoRepliesPerTicketAddress.map { "\($0.max)/\($0.seconds)" }.joined(separator: ",")),
            ("[limits] undeliverable_days", "\(l.undeliverableDays)"),
            ("[limits] breaker_duration", "\(l.breakerDuration)"),
            ("[kb] directory", c.kb.directory ?? ""), ("[kb] threshold", "\(c.kb.threshold)"),
            ("[kb] embedding_model", c.kb.embeddingModel),
            ("[retention] raw_mail_days", c.retention.rawMailDays.map(String.init) ?? ""),
            ("[retention] attachment_days", c.retention.attachmentDays.map(String.init) ?? ""),
            ("[retention] text_days", c.retention.textDays.map(String.init) ?? ""),
            ("[retention] sent_mail_days", c.retention.sentMailDays.map(String.init) ?? ""),
            ("[metrics] textfile", c.metrics.textfile ?? ""),
        ]
        return keys
    }

    /// An OAuth2 table as one comparable value (the client secret only as whether it changed).
    static func render(_ o: OAuth2Settings) -> String {
        [o.tokenURL, o.clientID, o.refreshTokenFile, o.scope ?? "", "\(o.clientSecret?.hashValue ?? 0)"].joined(separator: "|")
    }

    /// Keys naming resources opened at start; a change is reported and waits for a restart.
    static func restartKeys(_ c: MaildeskConfiguration) -> [(String, String)] {
        var keys: [(String, String)] = [("[database] path", c.database.path)]
        switch c.source {
        case let .imap(mailboxes):
            if let imap = mailboxes.first {
                keys += [("[imap] url", imap.url), ("[imap] username", imap.username),
                         ("[imap] password_file", imap.password), ("[imap] ca_file", imap.caFile ?? ""),
                         ("[imap.oauth2]", imap.oauth2.map(Self.render) ?? ""),
                         ("[imap] allow_insecure", "\(imap.allowInsecure)"),
                         ("[imap] processed_folder", imap.processedFolder ?? "")]
            }
        case let .maildir(maildir):
            keys.append(("[maildir] path", maildir.path))
        case .none:
            keys.append(("mail source", "none"))
        }
        switch c.sink {
        case let .smtp(smtp):
            keys += [("[smtp] url", smtp.url), ("[smtp] username", smtp.username ?? ""),
                     ("[smtp] password_file", smtp.password ?? ""), ("[smtp] ca_file", smtp.caFile ?? ""),
                     ("[smtp.oauth2]", smtp.oauth2.map(Self.render) ?? ""),
                     ("[smtp] allow_insecure", "\(smtp.allowInsecure)"), ("[smtp] helo_name", smtp.heloName ?? "")]
        case let .outbox(outbox):
            keys.append(("[outbox] directory", outbox.directory))
        }
        keys += [("[helpdesk] address", c.helpdesk.address), ("[helpdesk] secret_file", c.helpdesk.secretFile)]
        return keys
    }
}
