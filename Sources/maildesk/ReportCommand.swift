import ArgumentParser
import Foundation
import MaildeskServices

/// `maildesk report --html FILE [--since D] [--days N]`: one self-contained HTML file with charts and
/// emerging topics (README "Insight: stats and report").
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Write an HTML report with charts and emerging topics.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The HTML file to write (- for standard output).") var html: String
    @Option(help: "YYYY-MM-DD or Nd: the charts cover tickets created since then (default 30d).") var since: String = "30d"
    @Option(help: "Emerging topics: the last N days against the N days before (default 7).") var days: Int = 7

    func validate() throws {
        if SinceParser.parse(since) == nil { throw ValidationError("--since takes YYYY-MM-DD or Nd, e.g. 30d") }
        if !(1...366).contains(days) { throw ValidationError("--days takes a number of days from 1 to 366") }
        if html.isEmpty { throw ValidationError("--html takes a file name") }
    }

    struct Written: Encodable { var file: String; var bytes: Int; var tickets: Int; var topics: Int }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let now = Date()
            let report = try Insight(database: app.database).report(since: SinceParser.parse(since, now: now)!, days: days, now: now)
            let data = Data(report.render().utf8)
            if html == "-" { return FileHandle.standardOutput.write(data) }
            try UserFiles.writePrivate(data, to: html)
            app.logger.info("report written", metadata: ["report.file": "\(html)", "report.bytes": "\(data.count)",
                                                         "report.topics": "\(report.topics.count)"])
            let written = Written(file: html, bytes: data.count, tickets: report.stats.tickets, topics: report.topics.count)
            if global.json { return try Output.json(written) }
            Output.line("wrote \(html) (\(data.count) bytes): \(written.tickets) tickets, \(written.topics) emerging topics")
        }
    }
}
