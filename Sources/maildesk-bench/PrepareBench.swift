import ArgumentParser
import Foundation
import HelpdeskCore
import MailMIME

/// `maildesk-bench prepare [--messages N] [--rounds R]`: the pure per-message work of ingest on one
/// thread, split into its steps: MIME parse and reply trimming of the generated ~25 KB customer
/// mails that `maildesk-bench ingest` delivers (the rest of `prepare` is a content hash).
struct PrepareBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prepare", abstract: "Parse and reply-trim time per ingested message.")

    @Option(help: "Number of generated messages.") var messages = 1000
    @Option(help: "Rounds over them (the best round is reported).") var rounds = 5

    struct Figures: Encodable {
        var messages: Int
        var parse_ms_per_message: Double
        var trim_ms_per_message: Double
        var trimmed_lines_per_message: Double
    }

    func run() async throws {
        let raws = (0..<messages).map { MailGenerator.message(index: $0, to: "support@maildesk.test") }
        let parser = MIMEParser()
        let trimmer = ReplyTrimmer()
        let clock = ContinuousClock()
        var parsed: [ParsedMessage] = []
        var best = (parse: Double.infinity, trim: Double.infinity)
        var lines = 0
        for _ in 0..<max(rounds, 1) {
            let parse = clock.measure { parsed = raws.map { parser.parse($0) } }
            var total = 0
            let trim = clock.measure {
                for message in parsed { total += trimmer.trim(text: message.text ?? "", html: message.html).totalLines }
            }
            lines = total
            best = (min(best.parse, parse.seconds), min(best.trim, trim.seconds))
        }
        let n = Double(max(messages, 1))
        try BenchOutput.print(Figures(messages: messages, parse_ms_per_message: best.parse * 1000 / n,
                                      trim_ms_per_message: best.trim * 1000 / n,
                                      trimmed_lines_per_message: Double(lines) / n))
    }
}
