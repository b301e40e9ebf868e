import ArgumentParser
import Foundation
import HelpdeskInsight
import MaildeskServices

/// `maildesk stats [--since D] [--json]`: volume, response and resolution times, auto-answers,
/// backlog, per category and per agent (README "Insight: stats and report").
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Ticket figures: volume, response and resolution times, backlog.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "YYYY-MM-DD or Nd: tickets created since then (default 30d).") var since: String = "30d"

    func validate() throws {
        if SinceParser.parse(since) == nil { throw ValidationError("--since takes YYYY-MM-DD or Nd, e.g. 7d") }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let now = Date()
            let report = try Insight(database: app.database).stats(since: SinceParser.parse(since, now: now)!, now: now)
            if global.json { return try Output.json(report) }
            let charts = TerminalCharts(unicode: TerminalCharts.localeIsUTF8(ProcessInfo.processInfo.environment))
            for line in StatsText.render(report, charts: charts) { Output.line(line) }
        }
    }
}
