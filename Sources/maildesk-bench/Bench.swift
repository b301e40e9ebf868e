import ArgumentParser
import Logging

/// `maildesk-bench`: speed figures as JSON (docs/cli.md#maildesk-bench, docs/benchmarks.md). Benchmarks measure;
/// tests assert behaviour.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildesk-bench",
        abstract: "Measure maildesk's speed; prints one JSON document per run.",
        subcommands: [IngestBench.self, PrepareBench.self, ParseBench.self, ClassifyBench.self, KBSearchBench.self, EmbedBench.self])

    /// Benchmarks print JSON only; the pipeline's own logs would swamp it and cost time.
    static func quietLogging() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
    }
}
