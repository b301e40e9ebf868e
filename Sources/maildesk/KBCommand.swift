import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskServices

/// `maildesk kb import|list|show|search|eval`: the knowledge base of Markdown articles.
struct KBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Import, list, show, search and evaluate the knowledge base.",
        subcommands: [KBImportCommand.self, KBListCommand.self, KBShowCommand.self, KBSearchCommand.self, KBEvalCommand.self])

    /// Runs `body`, turning an article or query-file problem into one line and exit 65.
    static func readingArticles<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KBArticleError {
            throw CLIFailure(.dataError, error.description)
        } catch let error as MaildeskApp.NoKBDirectory {
            throw CLIFailure(.usage, error.description)
        }
    }
}

/// `maildesk kb import [DIR]`
struct KBImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the articles of DIR (default [kb] directory): add new, update changed, remove deleted.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Folder of Markdown articles (default: [kb] directory).") var directory: String?

    struct Report: Encodable {
        var articles: Int
        var added: [String]
        var updated: [String]
        var removed: [String]
        var unchanged: Int
        var calibratedOn: Int?
        enum CodingKeys: String, CodingKey { case articles, added, updated, removed, unchanged, calibratedOn = "calibrated_on" }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(articles, forKey: .articles)
            try c.encode(added, forKey: .added)
            try c.encode(updated, forKey: .updated)
            try c.encode(removed, forKey: .removed)
            try c.encode(unchanged, forKey: .unchanged)
            try c.encode(calibratedOn, forKey: .calibratedOn)
        }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let imported = try KBCommand.readingArticles { try app.importKnowledgeBase(directory: directory) }
            let s = imported.sync
            let report = Report(articles: imported.articles, added: s.added, updated: s.updated, removed: s.removed,
                                unchanged: s.unchanged, calibratedOn: imported.calibratedOn)
            if global.json { return try Output.json(report) }
            Output.line("\(report.articles) articles: \(s.added.count) added, \(s.updated.count) updated, "
                + "\(s.removed.count) removed, \(s.unchanged) unchanged; confidence calibration "
                + (imported.calibratedOn.map { "fitted on \($0) validation queries" } ?? "built-in (no calibration.csv)"))
        }
    }
}

/// `maildesk kb list`
struct KBListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the imported articles.")
    @OptionGroup var global: GlobalOptions

    struct Item: Encodable {
        var id: String
        var title: String
        var category: String?
        var language: String?
        var tags: [String]
        var questions: Int
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(category, forKey: .category)
            try c.encode(language, forKey: .language)
            try c.encode(tags, forKey: .tags)
            try c.encode(questions, forKey: .questions)
        }
        enum CodingKeys: String, CodingKey { case id, title, category, language, tags, questions }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let articles = try app.database.read { try MaildeskStoreKB.articles($0) }
            let items = articles.map { Item(id: $0.id, title: $0.title, category: $0.category, language: $0.language,
                                            tags: $0.tags, questions: $0.questions.count) }
            if global.json { return try Output.json(["articles": items]) }
            Output.table(["ID", "CATEGORY", "LANG", "QUESTIONS", "TITLE"], items.map {
                [$0.id, $0.category ?? "-", $0.language ?? "-", String($0.questions), Output.clip($0.title, 60)]
            })
        }
    }
}

/// `maildesk kb show ID`
struct KBShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one article.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id (the file name stem).") var id: String

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let id = self.id
            guard let article = try app.database.read({ try MaildeskStoreKB.article($0, id: id) }) else {
                throw CLIFailure(.dataError, "no article \"\(id)\"")
            }
            if global.json { return try Output.json(article) }
            Output.line("\(article.id): \(article.title)")
            Output.line("category \(article.category ?? "-") · language \(article.language ?? "-") · tags \(article.tags.isEmpty ? "-" : article.tags.joined(separator: ", "))")
            for question in article.questions { Output.line("  ? \(question)") }
            Output.line("")
            Output.line(article.body)
        }
    }
}
