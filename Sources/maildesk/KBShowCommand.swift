import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskServices
import MaildeskStore

/// `maildesk kb show ID`
struct KBShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one article.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id (the file name stem).") var id: String

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let id = self.id
            guard let article = try app.database.read({ try KBStore.article($0, id: id) }) else {
                throw CLIFailure(.dataError, "no article \"\(id)\"")
            }
            if global.json { return try Output.json(article) }
            Output.line("\(article.id): \(article.title)")
            Output.line("category \(article.category ?? "-") · language \(article.language ?? "-") · tags \(article.tags.isEmpty ? "-" : article.tags.joined(separator: ", "))")
            for question in article.questions { Output.line("  ? \(question)") }
            Output.line("")
            Output.text(article.body)
        }
    }
}
