import ArgumentParser
import Foundation
import MaildeskServices
import MaildeskStore

/// `maildesk outbox list|flush|retry ID|drop ID`: the queue of outgoing mail, steered like Postfix's
/// `mailq`, `postqueue -f`, `postsuper -r` and `postsuper -d` (docs/cli.md#outbox).
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, flush, retry or drop outgoing mail.",
        subcommands: [OutboxListCommand.self, OutboxFlushCommand.self, OutboxRetryCommand.self, OutboxDropCommand.self],
        defaultSubcommand: OutboxListCommand.self)

    /// A refusal is the user's mistake about an id: one line, exit 65 like `quarantine`.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refused as OutboxDeskError {
            throw CLIFailure(.dataError, refused.description)
        } catch let busy as ProcessLock.Busy {
            throw CLIFailure(.temporary, busy.description)
        }
    }

    /// The status column: `deferred` for a queued row after a failed attempt, and who holds a lease.
    static func status(_ row: OutboxView) -> String {
        if row.deferred { return "deferred" }
        guard let lease = row.lease else { return row.status }
        switch lease.state {
        case "gone": return "sending (sender gone)"
        case "expired": return "sending (lease expired)"
        default: return row.status
        }
    }

    /// `retry` and `drop`: one row changed, printed as JSON or one line.
    static func changeRow(_ global: GlobalOptions, done: String,
                          _ change: @escaping (MaildeskApp) async throws -> OutboxView) async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let row = try await mapping { try await change(app) }
            if global.json { return try Output.json(row) }
            Output.line(line(row, verb: done))
        }
    }

    static func line(_ row: OutboxView, verb: String) -> String {
        "outbox row \(row.id) to \(row.to) \(verb) (status \(status(row)), \(row.attempts) attempts)"
    }
}

struct OutboxListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List outgoing mail (like mailq).")
    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "queued, deferred, sending, sent, failed, dropped or bounced (default: queued, sending and failed).")
    var status: String?

    struct Listing: Encodable { var outbox: [OutboxView] }

    func validate() throws {
        if let status, status != "deferred", OutboxRecord.Status(rawValue: status) == nil {
            throw ValidationError("--status must be one of queued, deferred, sending, sent, failed, dropped, bounced")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let statuses: [OutboxRecord.Status] = switch status {
            case nil: [.queued, .sending, .failed]
            case "deferred": [.queued]
            case let name?: [OutboxRecord.Status(rawValue: name)!]
            }
            let rows = try await app.outboxList(statuses: statuses, deferredOnly: status == "deferred")
            if global.json { return try Output.json(Listing(outbox: rows)) }
            if rows.isEmpty { return Output.line(status == nil ? "outbox is empty" : "no \(status!) mail in the outbox") }
            Output.table(["ID", "STATUS", "TRIES", "NEXT ATTEMPT", "TO", "SUBJECT", "LAST ERROR"], rows.map { row in
                ["\(row.id)", OutboxCommand.status(row), "\(row.attempts)",
                 row.nextAttemptAt.map(Self.time) ?? "-", Output.clip(row.to, 40), Output.clip(row.subject ?? "", 40),
                 Output.clip(row.lastError ?? "", 60)]
            })
        }
    }

    static func time(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}

struct OutboxFlushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flush", abstract: "Send everything queued now, deferred mail included (like postqueue -f).")
    @OptionGroup var global: GlobalOptions

    struct Report: Encodable { var expedited: Int; var outbox: OutboxSender.Report }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let (expedited, sent) = try await OutboxCommand.mapping { try await app.outboxFlushNow() }
            if global.json { return try Output.json(Report(expedited: expedited, outbox: sent)) }
            Output.line(PollCommand.outboxLine(sent))
        }
    }
}

struct OutboxRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Queue one failed, dropped or deferred mail for an attempt now.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Outbox row id (see `maildesk outbox list`).") var id: Int64

    func run() async throws {
        try await OutboxCommand.changeRow(global, done: "queued for an attempt now (`maildesk outbox flush` sends it)") {
            try await $0.outboxRetry(id: id)
        }
    }
}

struct OutboxDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Set one queued or failed mail aside for good; its ticket records it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Outbox row id (see `maildesk outbox list`).") var id: Int64

    func run() async throws {
        try await OutboxCommand.changeRow(global, done: "dropped") { try await $0.outboxDrop(id: id) }
    }
}
