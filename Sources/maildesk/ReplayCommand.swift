import ArgumentParser
import Foundation
import MaildeskServices
#if canImport(Glibc)
import Glibc
#endif

/// `maildesk replay ID… | --all`: re-read stored raw mail with the current parser and trimmer and
/// update those entries in place. Never re-threads, never queues or sends mail.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-parse the stored raw mail of entries (after an upgrade); nothing is re-threaded or sent.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Entry ids (customer, machine or bounce entries).") var ids: [Int64] = []
    @Flag(name: .long, help: "Replay every customer, machine and bounce entry.") var all = false

    /// `replay --json` → `{"entries":[{"id","ticket","status","changed","detail"}],"updated","unchanged","skipped","not_found"}`.
    struct Report: Encodable {
        var entries: [EntryReplayer.Outcome]
        var updated: Int
        var unchanged: Int
        var skipped: Int
        var notFound: Int
        enum CodingKeys: String, CodingKey { case entries, updated, unchanged, skipped, notFound = "not_found" }
    }

    func validate() throws {
        if all == !ids.isEmpty { throw ValidationError("give entry ids or --all (not both)") }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let progress = Output.progress("replayed", unit: "", json: global.json)
            let targets: [Int64]? = all ? nil : ids
            let outcomes: [EntryReplayer.Outcome]
            do {
                outcomes = try await app.replay(targets, progress: progress)
            } catch let busy as ProcessLock.Busy {
                throw CLIFailure(.temporary, busy.description)
            }
            func count(_ status: String) -> Int { outcomes.filter { $0.status == status }.count }
            let report = Report(entries: outcomes, updated: count("updated"), unchanged: count("unchanged"),
                                skipped: count("skipped"), notFound: count("not_found"))
            if global.json {
                try Output.json(report)
            } else {
                for outcome in outcomes { Output.line(Self.line(outcome)) }
                if all { Output.line("\(report.updated) updated, \(report.unchanged) unchanged, \(report.skipped) skipped") }
            }
            if report.notFound > 0 { throw ExitCode(CLIFailure.Code.dataError.rawValue) }
        }
    }

    static func line(_ outcome: EntryReplayer.Outcome) -> String {
        let on = outcome.ticket.map { " (ticket #\($0))" } ?? ""
        switch outcome.status {
        case "updated": return "entry \(outcome.id)\(on): updated \(outcome.changed.joined(separator: ", "))"
        case "unchanged": return "entry \(outcome.id)\(on): unchanged"
        default: return "entry \(outcome.id)\(on): \(outcome.status.replacingOccurrences(of: "_", with: " ")): \(outcome.detail ?? "")"
        }
    }
}
