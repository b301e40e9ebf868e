import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskConfig
import MaildeskServices

/// `maildesk kb eval --kb DIR --queries F.csv [--threshold X]`: scores a KB folder alone (an in-memory
/// index) against labelled queries (columns `text`, `expected`; empty expected = out of scope).
struct KBEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a KB folder against labelled queries (precision, coverage, out-of-scope answered).")
    @Flag(name: .long, help: "Print one JSON document on stdout.") var json = false
    @Option(name: .long, help: "Configuration file: category agreement uses its stored classifier when one is trained.")
    var config: String?
    @Option(name: .long, help: "Folder of articles (its calibration.csv fits the confidence).") var kb: String
    @Option(name: .long, help: "CSV file with columns text, expected.") var queries: String
    @Option(name: .long, help: "Answer threshold (default: [kb] threshold of --config, else its default 0.95).") var threshold: Double?
    @Option(name: .long, help: "Write each query's top candidates with their ranking features here (JSON lines).")
    var details: String?

    struct Report: Encodable {
        var queries: Int
        var answered: Int
        var correct: Int
        var precision: Double
        var coverage: Double
        var outOfScopeAnswered: Double
        var threshold: Double
        /// The lowest threshold reaching 95% precision with ≤ 2% out-of-scope answered and ≥ 50%
        /// coverage (extra key; null when none does).
        var suggestedThreshold: Double?
        enum CodingKeys: String, CodingKey {
            case queries, answered, correct, precision, coverage, outOfScopeAnswered = "out_of_scope_answered", threshold
            case suggestedThreshold = "suggested_threshold"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(queries, forKey: .queries)
            try c.encode(answered, forKey: .answered)
            try c.encode(correct, forKey: .correct)
            try c.encode(precision, forKey: .precision)
            try c.encode(coverage, forKey: .coverage)
            try c.encode(outOfScopeAnswered, forKey: .outOfScopeAnswered)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(suggestedThreshold, forKey: .suggestedThreshold)
        }
    }

    func run() async throws {
        try await reportingErrors {
            if let threshold, !(0...1).contains(threshold) { throw CLIFailure(.usage, "--threshold must be between 0 and 1") }
            try UserFiles.checkFolder(kb)
            try UserFiles.checkFile(queries)
            var knowledgeBase = KnowledgeBase()
            var threshold = self.threshold ?? KBConfig().threshold
            if let config {
                var global = try GlobalOptions.parse(["--config", config])
                global.json = json
                let app = try global.makeApp(logger: global.makeLogger())
                knowledgeBase = app.knowledgeBase()
                threshold = self.threshold ?? app.configuration.kb.threshold
            }
            let labeled = try KBCommand.readingArticles { try KBDirectory.queries(file: queries) }
            let kb = self.kb
            let outcomes: [KBEvaluation.Outcome]
            if let details {
                let run = try KBCommand.readingArticles { try knowledgeBase.evaluateWithDetails(KBDirectory(path: kb), queries: labeled) }
                outcomes = run.outcomes
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                var lines = Data()
                for detail in run.details { lines += try encoder.encode(detail) + Data("\n".utf8) }
                try UserFiles.writePrivate(lines, to: details)
            } else {
                outcomes = try KBCommand.readingArticles { try knowledgeBase.evaluate(KBDirectory(path: kb), queries: labeled) }
            }
            let e = KBEvaluation(outcomes, threshold: threshold)
            let r = { (v: Double) in ClassifyCommand.rounded(v) }
            let report = Report(queries: e.queries, answered: e.answered, correct: e.correct, precision: r(e.precision),
                                coverage: r(e.coverage), outOfScopeAnswered: r(e.outOfScopeAnswered), threshold: threshold,
                                suggestedThreshold: KBEvaluation.threshold(for: outcomes))
            if json { return try Output.json(report) }
            Output.line("\(report.queries) queries at threshold \(threshold): \(report.answered) answered, \(report.correct) correct; "
                + "precision \(report.precision), coverage \(report.coverage), out-of-scope answered \(report.outOfScopeAnswered); "
                + "lowest threshold for 95% precision, ≤ 2% out of scope, ≥ 50% coverage: "
                + (report.suggestedThreshold.map { "\($0)" } ?? "none"))
        }
    }
}
