import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskServices
import MaildeskStore

/// `maildesk kb search "Q"`: ranked articles with calibrated confidence, searched as a mail's text is
/// (whole and sentence by sentence), so it shows what an incoming mail would get.
struct KBSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search the knowledge base.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The question, as a customer would write it.") var query: String
    @Option(name: .long, help: "How many results.") var limit = 5

    func run() async throws {
        try await reportingErrors {
            guard limit > 0 else { throw CLIFailure(.usage, "--limit must be at least 1") }
            let app = try global.makeApp(logger: global.makeLogger())
            let kb = app.knowledgeBase()
            let query = self.query, limit = self.limit
            let results = try app.database.read { try kb.searchMail($0, subject: "", text: query, limit: limit) }
            if global.json { return try Output.json(["results": results]) }
            if results.isEmpty { return Output.line("no matching article") }
            Output.table(["ID", "CONFIDENCE", "SCORE", "TITLE"], results.map {
                [$0.id, String(format: "%.2f", $0.confidence), String(format: "%.3f", $0.score), Output.clip($0.title, 60)]
            })
        }
    }
}
