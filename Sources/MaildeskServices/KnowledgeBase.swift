import Foundation
import GRDB
import HelpdeskKB
import MaildeskStore

/// Knowledge-base search over the index in a database: FTS5 candidates (store), re-ranking
/// (``KBRanker``) and a calibrated confidence (``KBCalibration``, the stored one or the built-in one).
public struct KnowledgeBase: Sendable {
    /// One search hit (docs/cli.md#kb-search, `kb search --json`: `{"id","title","score","confidence"}`).
    public struct Result: Sendable, Equatable, Encodable {
        public var id: String
        public var title: String
        public var score: Double
        public var confidence: Double
    }

    /// The category the stored classifier predicts for a text (nil: no model or not confident).
    public var predictCategory: @Sendable (String) -> String?
    public var ranker = KBRanker()
    public var candidateLimit = 20
    public var matchTerms = 12
    /// `kb eval`: a query is not compared with an out-of-scope example of the same terms (itself,
    /// when the queries are the validation set), as the calibration was fitted.
    public var leaveOneOut = false

    public init(predictCategory: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.predictCategory = predictCategory
    }

    /// The ranked list of `query` (for results and calibration features).
    /// Candidates come from the `matchTerms` rarest query terms the index knows: a long mail's
    /// common words would make FTS5 score nearly every article; the ranking still sees all terms.
    /// (SQLite's FTS5 scores every row that matches an OR query before `ORDER BY rank LIMIT`.)
    func ranked(_ db: Database, query: String, documentCount: Int? = nil, outOfScope: [[String]]) throws -> [KBRanker.Ranked] {
        let terms = KBTerms.queryTerms(query)
        let outOfScope = leaveOneOut ? outOfScope.filter { $0 != terms } : outOfScope
        let frequency = try KBStore.documentFrequency(db, terms: terms)
        let count = try documentCount ?? KBStore.count(db)
        let rare = terms.filter { frequency[$0] != nil }.sorted { frequency[$0]! < frequency[$1]! }.prefix(matchTerms)
        let candidates = try KBStore.candidates(db, terms: Array(rare), limit: candidateLimit)
        guard !candidates.isEmpty else { return [] }
        return ranker.rank(queryTerms: terms, candidates: candidates, documentFrequency: frequency,
                           documentCount: count, predictedCategory: predictCategory(query), outOfScope: outOfScope)
    }

    /// The best `limit` articles for `query`, best first, each with its calibrated confidence: the top
    /// one's from the features of the ranked list; another one's from its own features (its margin
    /// against the top score), capped at 1 − the top confidence.
    public func search(_ db: Database, query: String, limit: Int = 5) throws -> [Result] {
        try search(db, query: query, limit: limit, documentCount: KBStore.count(db), calibration: KBStore.calibration(db) ?? .builtIn)
    }

    func search(_ db: Database, query: String, limit: Int, documentCount: Int, calibration: KBCalibration) throws -> [Result] {
        let list = try ranked(db, query: query, documentCount: documentCount, outOfScope: calibration.outOfScope)
        guard let top = list.first else { return [] }
        let topConfidence = calibration.confidence(list)
        return list.prefix(limit).enumerated().map { index, item in
            // Another article can only be right when the top one is wrong: its confidence is at most
            // 1 − the top one's.
            let confidence = index == 0 ? topConfidence
                : min(calibration.confidence(features: KBCalibration.features(item, rival: top.score)), 1 - topConfidence)
            return Result(id: item.id, title: item.title, score: Self.round(item.score), confidence: Self.round(confidence))
        }
    }

    /// The articles for a mail: the whole subject and text, and each of its segments
    /// (``KBTerms/segments(subject:text:limit:)``) searched on its own; an article keeps its best
    /// confidence over them. Best first.
    public func searchMail(_ db: Database, subject: String, text: String, limit: Int = 5) throws -> [Result] {
        let count = try KBStore.count(db)
        guard count > 0 else { return [] }
        let calibration = try KBStore.calibration(db) ?? .builtIn
        var best: [String: Result] = [:]
        let queries = [subject + "\n" + text] + KBTerms.segments(subject: subject, text: text)
        for query in queries {
            for result in try search(db, query: query, limit: limit, documentCount: count, calibration: calibration) where result.confidence > (best[result.id]?.confidence ?? -1) {
                best[result.id] = result
            }
        }
        return best.values.sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.id < $1.id }
            .prefix(limit).map { $0 }
    }

    /// Fits the calibration on labelled queries against the index in `db` (label: the top result is
    /// the expected article). The out-of-scope queries (no expected article) are kept in the model;
    /// each query's out-of-scope feature is computed against the others (leave one out).
    public func fitCalibration(_ db: Database, queries: [KBDirectory.LabeledQuery]) throws -> KBCalibration {
        var seen = Set<[String]>()
        let outOfScope = queries.filter { $0.expected == nil }.map { KBTerms.queryTerms($0.text) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        var fitter = self
        fitter.leaveOneOut = true
        var features: [[Double]] = []
        var labels: [Bool] = []
        for query in queries {
            let list = try fitter.ranked(db, query: query.text, outOfScope: outOfScope)
            features.append(KBCalibration.features(list))
            labels.append(query.expected != nil && list.first?.id == query.expected)
        }
        return KBCalibration.fit(features: features, labels: labels, outOfScope: outOfScope)
    }

    public struct ImportReport: Sendable {
        public var sync: KBStore.SyncReport
        public var articles: Int
        /// Validation queries the calibration was fitted on (nil: no `calibration.csv`, built-in kept).
        public var calibratedOn: Int?
        /// Distinct out-of-scope questions kept for the out-of-scope penalty (0 without any).
        public var outOfScopeExamples = 0
    }

    /// Imports `directory` into `writer`: articles synced (added, changed, removed), then the
    /// calibration refitted from its `calibration.csv` when there is one (else the built-in one).
    public func importDirectory(_ directory: KBDirectory, into writer: any DatabaseWriter, now: Date = Date()) throws -> ImportReport {
        let articles = try directory.articles()
        let queries = try directory.calibrationQueries()
        return try writer.write { db in
            let sync = try KBStore.sync(db, articles: articles, now: now)
            var report = ImportReport(sync: sync, articles: articles.count)
            if let queries, !queries.isEmpty {
                let calibration = try fitCalibration(db, queries: queries)
                try KBStore.setCalibration(db, calibration, now: now)
                report.calibratedOn = queries.count
                report.outOfScopeExamples = calibration.outOfScope.count
            } else {
                try KBStore.setCalibration(db, nil)
            }
            return report
        }
    }

    /// `kb eval`: imports `directory` into a throw-away in-memory index and answers every query as
    /// a mail's text is answered (``searchMail(_:subject:text:limit:)``).
    public func evaluate(_ directory: KBDirectory, queries: [KBDirectory.LabeledQuery]) throws -> [KBEvaluation.Outcome] {
        let index = try KBStore.temporaryIndex()
        _ = try importDirectory(directory, into: index)
        var scorer = self
        scorer.leaveOneOut = true
        return try index.read { db in
            try queries.map { query in
                let top = try scorer.searchMail(db, subject: "", text: query.text, limit: 1).first
                return KBEvaluation.Outcome(expected: query.expected, top: top?.id, confidence: top?.confidence ?? 0)
            }
        }
    }

    /// Per query of an evaluation: the top candidates with their ranking features (`kb eval --details`).
    public struct Detail: Sendable, Encodable {
        public var text: String
        public var expected: String?
        /// The answer ``searchMail(_:subject:text:limit:)`` gives and its confidence (threshold sweeps).
        public var top: String?
        public var confidence: Double
        public var candidates: [[String: String]]
    }

    /// Like ``evaluate(_:queries:)``, also returning the ranking features of the top 5 per query.
    public func evaluateWithDetails(_ directory: KBDirectory, queries: [KBDirectory.LabeledQuery])
        throws -> (outcomes: [KBEvaluation.Outcome], details: [Detail]) {
        let index = try KBStore.temporaryIndex()
        _ = try importDirectory(directory, into: index)
        var scorer = self
        scorer.leaveOneOut = true
        return try index.read { db in
            let outOfScope = try KBStore.calibration(db)?.outOfScope ?? []
            var outcomes: [KBEvaluation.Outcome] = []
            var details: [Detail] = []
            for query in queries {
                let top = try scorer.searchMail(db, subject: "", text: query.text, limit: 1).first
                outcomes.append(KBEvaluation.Outcome(expected: query.expected, top: top?.id, confidence: top?.confidence ?? 0))
                details.append(Detail(text: query.text, expected: query.expected, top: top?.id, confidence: top?.confidence ?? 0,
                                      candidates: try scorer.ranked(db, query: query.text, outOfScope: outOfScope).prefix(5).map {
                    ["id": $0.id, "relevance": "\($0.relevance)", "phrasing_match": "\($0.phrasingMatch)",
                     "category_agreement": "\($0.categoryAgreement)", "coverage": "\($0.coverage)", "score": "\($0.score)",
                     "out_of_scope_match": "\($0.outOfScopeMatch)"]
                }))
            }
            return (outcomes, details)
        }
    }

    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
