import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskServices
import MaildeskStore

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
            let articles = try app.database.read { try KBStore.articles($0) }
            let items = articles.map { Item(id: $0.id, title: $0.title, category: $0.category, language: $0.language,
                                            tags: $0.tags, questions: $0.questions.count) }
            if global.json { return try Output.json(["articles": items]) }
            Output.table(["ID", "CATEGORY", "LANG", "QUESTIONS", "TITLE"], items.map {
                [$0.id, $0.category ?? "-", $0.language ?? "-", String($0.questions), Output.clip($0.title, 60)]
            })
        }
    }
}
