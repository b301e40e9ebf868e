import ArgumentParser
import Foundation
import GRDB
import HelpdeskKB
import MaildeskServices
import MaildeskStore

/// `maildesk-bench kb-search [--articles N] [--queries N]`: indexes N generated articles (English-like
/// words, every tenth one Chinese) in a temporary SQLite index, then times each search (FTS5 BM25
/// candidates, document frequencies, re-ranking, calibration) for queries made from their questions.
/// `--out-of-scope N` stores a calibration that keeps N generated out-of-scope questions, as a
/// `calibration.csv` with N unanswerable rows would (each search compares the query with all of them).
struct KBSearchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kb-search", abstract: "Knowledge-base search latency.")
    @Option(help: "Articles to generate.") var articles = 10_000
    @Option(help: "Queries to time.") var queries = 2_000
    @Option(help: "Out-of-scope questions kept by the calibration.") var outOfScope = 0

    struct Figures: Encodable {
        var articles: Int
        var queries: Int
        var out_of_scope_examples: Int
        var index_seconds: Double
        var seconds: Double
        var queries_per_s: Double
        var p50_ms: Double
        var p99_ms: Double
        /// A whole mail (greeting, the question, three sentences of context, signature) searched as
        /// the ingest pipeline does: whole and sentence by sentence.
        var mail_p50_ms: Double
        var mail_p99_ms: Double
    }

    /// A deterministic generator (SplitMix64), so every run searches the same articles.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "pa", "qu", "ex", "or", "in", "at", "el"]
    static let han = Array("退款发票订单账户密码登录配送包裹地址取消修改查询支付失败问题帮助服务客户时间")

    func run() async throws {
        Bench.quietLogging()
        var g = Generator(state: 42)
        // A vocabulary of 5,000 words with a Zipf-like draw (common words repeat across articles).
        let vocabulary = (0..<5_000).map { i -> String in
            var w = ""
            var n = i + 1
            repeat { w += Self.syllables[n % Self.syllables.count]; n /= Self.syllables.count } while n > 0
            return w
        }
        func word(_ g: inout Generator) -> String {
            let r = Double(g.below(1_000_000)) / 1_000_000
            return vocabulary[min(vocabulary.count - 1, Int(pow(r, 2.5) * Double(vocabulary.count)))]
        }
        func sentence(_ g: inout Generator, _ words: Int, chinese: Bool) -> String {
            if chinese { return String((0..<(words * 2)).map { _ in Self.han[g.below(Self.han.count)] }) }
            return (0..<words).map { _ in word(&g) }.joined(separator: " ")
        }
        var generated: [KBArticle] = []
        for i in 0..<articles {
            let chinese = i % 10 == 0
            generated.append(KBArticle(
                id: "article-\(i)", title: sentence(&g, 4, chinese: chinese), category: "c\(i % 12)",
                questions: (0..<4).map { _ in sentence(&g, 7, chinese: chinese) },
                body: (0..<6).map { _ in sentence(&g, 12, chinese: chinese) }.joined(separator: ". ")))
        }
        let clock = ContinuousClock()
        let index = try KBStore.temporaryIndex()
        let indexTime = try clock.measure {
            _ = try index.write { try KBStore.sync($0, articles: generated) }
        }
        if outOfScope > 0 {
            var calibration = KBCalibration.builtIn
            calibration.outOfScope = (0..<outOfScope).map { _ in KBTerms.queryTerms(sentence(&g, 7, chinese: false)) }
            calibration.outOfScopeWeight = 5
            let stored = calibration
            try await index.write { db in try KBStore.setCalibration(db, stored) }
        }
        let kb = KnowledgeBase()
        var latencies: [Double] = []
        var sink = 0
        let total = try clock.measure {
            try index.read { db in
                for _ in 0..<queries {
                    let article = generated[g.below(generated.count)]
                    let question = article.questions[g.below(article.questions.count)]
                    let text = question + " " + word(&g)
                    let start = clock.now
                    sink &+= try kb.search(db, query: text).count
                    latencies.append((clock.now - start).milliseconds)
                }
            }
        }
        var mailLatencies: [Double] = []
        _ = try clock.measure { // the synchronous `read`, like the loop above
          try index.read { db in
            for _ in 0..<max(1, queries / 10) {
                let article = generated[g.below(generated.count)]
                let question = article.questions[g.below(article.questions.count)]
                let context = (0..<3).map { _ in sentence(&g, 10, chinese: false) }.joined(separator: ". ")
                let text = "Hello,\n\n\(question).\n\(context).\n\nThanks,\nAna"
                let start = clock.now
                sink &+= try kb.searchMail(db, subject: sentence(&g, 3, chinese: false), text: text).count
                mailLatencies.append((clock.now - start).milliseconds)
            }
          }
        }
        latencies.sort()
        mailLatencies.sort()
        func percentile(_ list: [Double], _ p: Double) -> Double { list[min(list.count - 1, Int(Double(list.count) * p))] }
        let seconds = total.milliseconds / 1000
        try BenchOutput.print(Figures(articles: articles, queries: queries, out_of_scope_examples: outOfScope, index_seconds: indexTime.milliseconds / 1000,
                                      seconds: seconds, queries_per_s: Double(queries) / seconds,
                                      p50_ms: percentile(latencies, 0.5), p99_ms: percentile(latencies, 0.99),
                                      mail_p50_ms: percentile(mailLatencies, 0.5), mail_p99_ms: percentile(mailLatencies, 0.99)))
        if sink == -1 { print(sink) }
    }
}
