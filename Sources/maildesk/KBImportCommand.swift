import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskServices

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
        var outOfScopeExamples: Int
        enum CodingKeys: String, CodingKey {
            case articles, added, updated, removed, unchanged, calibratedOn = "calibrated_on"
            case outOfScopeExamples = "out_of_scope_examples"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(articles, forKey: .articles)
            try c.encode(added, forKey: .added)
            try c.encode(updated, forKey: .updated)
            try c.encode(removed, forKey: .removed)
            try c.encode(unchanged, forKey: .unchanged)
            try c.encode(calibratedOn, forKey: .calibratedOn)
            try c.encode(outOfScopeExamples, forKey: .outOfScopeExamples)
        }
    }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            if let directory {
                try UserFiles.checkFolder(directory)
            } else if let configured = app.configuration.kb.directory {
                do {
                    try UserFiles.checkFolder(configured, code: .configuration)
                } catch let failure as CLIFailure {
                    throw CLIFailure(failure.code, "[kb] directory: \(failure.description)")
                }
            }
            let imported = try KBCommand.readingArticles { try app.importKnowledgeBase(directory: directory) }
            let s = imported.sync
            let report = Report(articles: imported.articles, added: s.added, updated: s.updated, removed: s.removed,
                                unchanged: s.unchanged, calibratedOn: imported.calibratedOn,
                                outOfScopeExamples: imported.outOfScopeExamples)
            if global.json { return try Output.json(report) }
            Output.line("\(report.articles) articles: \(s.added.count) added, \(s.updated.count) updated, "
                + "\(s.removed.count) removed, \(s.unchanged) unchanged; confidence calibration "
                + (imported.calibratedOn.map {
                    "fitted on \($0) validation queries (\(imported.outOfScopeExamples) distinct out-of-scope questions kept)"
                } ?? "built-in (no calibration.csv)"))
        }
    }
}
