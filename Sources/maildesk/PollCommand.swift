import ArgumentParser
import MaildeskServices

/// `maildesk poll --once [--no-send]`: fetch and process everything new, then flush the outbox.
struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "poll", abstract: "Fetch and process new mail once.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Poll once and exit (required; `run` polls continuously).")
    var once = false

    @Flag(name: .long, help: "Leave outbound mail queued instead of sending it.")
    var noSend = false

    func validate() throws {
        guard once else { throw ValidationError("use `maildesk poll --once` (or `maildesk run` to keep polling)") }
    }

    struct Summary: Encodable {
        var poll: PollReport
        var outbox: OutboxSender.Report?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(poll, forKey: .poll)
            try c.encode(outbox, forKey: .outbox)
        }
        enum CodingKeys: String, CodingKey { case poll, outbox }
    }

    func run() async throws {
        try await reportingErrors {
            let logger = global.makeLogger()
            let app = try global.makeApp(logger: logger)
            guard app.source != nil else {
                throw CLIFailure(.configuration, "\(global.config): no mail source to poll: add an [imap] or a [maildir] "
                                 + "table, or deliver with `maildesk ingest` from the MTA (pipe delivery)")
            }
            let (poll, sent) = try await app.pollOnce(send: !noSend)
            if global.json {
                try Output.json(Summary(poll: poll, outbox: sent))
                return
            }
            Output.line("fetched \(poll.fetched): \(poll.newTickets) new tickets, \(poll.followUps) follow-ups, "
                        + "\(poll.duplicates) duplicates, \(poll.quarantined) quarantined, \(poll.queuedMail) mails queued")
            if let sent { Output.line(Self.outboxLine(sent)) }
        }
    }

    /// What a flush did and what it left: mail waiting out a backoff, and rows held by a sender that died
    /// (never reported as an empty outbox).
    static func outboxLine(_ sent: OutboxSender.Report) -> String {
        var line = "outbox: \(sent.sent) sent, \(sent.deferred) deferred, \(sent.failed) failed"
        if sent.waiting > 0 { line += "; \(sent.waiting) waiting to retry" }
        if sent.leasedByGoneProcess > 0 {
            line += "; \(sent.leasedByGoneProcess) held by a sender that is gone (`maildesk outbox flush` sends them now)"
        }
        return line
    }
}
