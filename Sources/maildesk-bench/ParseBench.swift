import ArgumentParser
import Foundation
import MailMIME

/// `maildesk-bench parse [PATH…] [--rounds N] [--structure-only]`: MIME parse throughput over .eml files in
/// memory; `--structure-only` finds headers and the part tree without decoding any body.
struct ParseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parse throughput over .eml files.")

    @Argument(help: "Files, directories of .eml files, or mbox files (default: fixtures/, which holds the MIME corpus fixtures/corpus/mime and the hand-made mails).")
    var paths: [String] = []

    @Option(help: "How many times to parse the whole set.") var rounds = 20
    @Flag(help: "Headers and part tree only: no base64/QP, charset or HTML work.") var structureOnly = false

    struct Figures: Encodable {
        var messages: Int
        var bytes: Int
        var seconds: Double
        var mb_per_s: Double
        var msgs_per_s: Double
    }

    func run() async throws {
        // fixtures/ already holds fixtures/corpus/mime: listing both would parse the corpus twice.
        let roots = paths.isEmpty ? ["fixtures"] : paths
        let messages = roots.flatMap(Self.inputs)
        guard !messages.isEmpty else { throw ValidationError("no .eml files under \(roots.joined(separator: ", "))") }
        var options = MIMEParserOptions()
        options.structureOnly = structureOnly
        let parser = MIMEParser(options: options)
        var sink = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for message in messages { sink &+= parser.parse(message).root.children.count }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let count = messages.count * rounds
        let bytes = messages.reduce(0) { $0 + $1.count } * rounds
        try BenchOutput.print(Figures(messages: count, bytes: bytes, seconds: seconds,
                                      mb_per_s: Double(bytes) / 1_048_576 / seconds, msgs_per_s: Double(count) / seconds))
        if sink == -1 { print(sink) }
    }

    /// The messages under a path: an mbox is split, a directory is searched for .eml files.
    static func inputs(_ path: String) -> [[UInt8]] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        if !isDirectory.boolValue {
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            let bytes = [UInt8](data)
            return Mbox.looksLikeMbox(bytes) ? Mbox.split(bytes) : [bytes]
        }
        return emlFiles(path).compactMap { FileManager.default.contents(atPath: $0).map(Array.init) }
    }

    static func emlFiles(_ root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".eml") }.sorted().map { root + "/" + $0 }
    }
}

enum BenchOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
