import ArgumentParser
import Foundation
import MaildeskServices

/// `maildesk quarantine list|show ID|retry ID|drop ID`: messages that could not be processed, with their
/// raw bytes; retry them through the current ingest or set them aside.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "Inspect, retry or drop quarantined messages.",
        subcommands: [QuarantineListCommand.self, QuarantineShowCommand.self, QuarantineRetryCommand.self,
                      QuarantineDropCommand.self],
        defaultSubcommand: QuarantineListCommand.self)
}

struct QuarantineListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List quarantined messages.")
    @OptionGroup var global: GlobalOptions

    struct Listing: Encodable { var quarantine: [QuarantineView] }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let items = try await app.database.writer.read { try QuarantineQueries.list($0) }
            if global.json { return try Output.json(Listing(quarantine: items)) }
            if items.isEmpty { return Output.line("quarantine is empty") }
            Output.table(["ID", "STATUS", "SIZE", "SOURCE", "REASON"], items.map {
                ["\($0.id)", $0.status, "\($0.size)", Output.clip($0.source, 40), $0.reason]
            })
        }
    }
}

struct QuarantineShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a quarantined message's raw bytes.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Quarantine id.", transform: PositiveID.parse) var id: Int64

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let id = self.id
            guard let data = try await app.database.writer.read({ try QuarantineQueries.raw($0, id: id) }) else {
                throw CLIFailure(.dataError, "no quarantined message \(id)")
            }
            Output.raw(data)
        }
    }
}

struct QuarantineRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Process a held message again now (e.g. after an upgrade or a raised limit).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Quarantine id.", transform: PositiveID.parse) var id: Int64

    /// `quarantine retry ID --json` → `{"id","status","result","ticket","entry","reason"}`.
    struct Report: Encodable {
        var id: Int64
        var status: String
        var result: String
        var ticket: Int64?
        var entry: Int64?
        var reason: String?

        enum CodingKeys: String, CodingKey { case id, status, result, ticket, entry, reason }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(status, forKey: .status)
            try c.encode(result, forKey: .result)
            try c.encode(ticket, forKey: .ticket)
            try c.encode(entry, forKey: .entry)
            try c.encode(reason, forKey: .reason)
        }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let outcome: QuarantineActions.RetryOutcome
            do {
                outcome = try await app.retryQuarantined(id: id)
            } catch let refused as QuarantineActions.Refused {
                throw CLIFailure(.dataError, refused.description)
            } catch let busy as ProcessLock.Busy {
                throw CLIFailure(.temporary, busy.description)
            }
            let report = Self.report(id: id, outcome)
            if global.json { try Output.json(report) } else { Output.line(Self.text(report)) }
            if report.status == "held" { throw ExitCode(CLIFailure.Code.failure.rawValue) }
        }
    }

    static func report(id: Int64, _ outcome: QuarantineActions.RetryOutcome) -> Report {
        switch outcome {
        case let .processed(.entry(ticket, entry, newTicket, _, _)):
            Report(id: id, status: "retried", result: newTicket ? "new_ticket" : "added", ticket: ticket, entry: entry)
        case let .processed(.duplicate(entry)):
            Report(id: id, status: "retried", result: "duplicate", ticket: nil, entry: entry)
        case let .processed(other):
            Report(id: id, status: "retried", result: "\(other)", ticket: nil, entry: nil)
        case let .stillFailing(reason):
            Report(id: id, status: "held", result: "still_failing", ticket: nil, entry: nil, reason: reason)
        }
    }

    static func text(_ report: Report) -> String {
        switch report.result {
        case "new_ticket": "quarantine \(report.id) retried: new ticket #\(report.ticket ?? 0) (entry \(report.entry ?? 0))"
        case "added": "quarantine \(report.id) retried: added to #\(report.ticket ?? 0) (entry \(report.entry ?? 0))"
        case "duplicate": "quarantine \(report.id) retried: duplicate of entry \(report.entry.map(String.init) ?? "-"), nothing added"
        case "still_failing": "quarantine \(report.id) still failing: \(report.reason ?? "") (still held)"
        default: "quarantine \(report.id) retried: \(report.result)"
        }
    }
}

struct QuarantineDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Set a held message aside (its raw bytes stay until retention).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Quarantine id.", transform: PositiveID.parse) var id: Int64

    struct Report: Encodable { var id: Int64; var status: String; var changed: Bool }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let outcome: QuarantineActions.DropOutcome
            do {
                outcome = try await app.dropQuarantined(id: id)
            } catch let refused as QuarantineActions.Refused {
                throw CLIFailure(.dataError, refused.description)
            }
            if global.json { return try Output.json(Report(id: id, status: "dropped", changed: outcome == .dropped)) }
            Output.line(outcome == .dropped
                ? "quarantine \(id) dropped; raw message kept until retention (`quarantine show \(id)`)"
                : "quarantine \(id) was already dropped; nothing changed")
        }
    }
}
