import Foundation

/// Re-ranks the FTS5 candidates of a query. Pure: the store supplies candidates (with their BM25
/// relevance and the terms of their title and questions) and document frequencies; no I/O here.
///
/// A candidate's score combines three signals:
/// - BM25 over title, questions, body and the CJK bigram column (relative to the best candidate);
/// - the best title/question match: IDF-weighted share of the query's terms found in one phrasing,
///   balanced (harmonic mean) with the share of that phrasing's terms found in the query;
/// - coverage: the IDF-weighted share of the query's terms found anywhere in the title or questions
///   (a query about something the article never mentions leaves its distinctive terms uncovered);
/// - agreement with the category the stored classifier predicts (+1 agree, −1 disagree, 0 unknown).
///
/// The weights were chosen on the Bitext validation queries (`fixtures/kb-eval/kb/calibration.csv`).
public struct KBRanker: Sendable {
    public struct Candidate: Sendable {
        public var id: String
        public var title: String
        public var category: String?
        /// SQLite `bm25()` negated: larger is better.
        public var relevance: Double
        /// Terms (``KBTerms/queryTerms(_:)``) of the title and of each question.
        public var phrasings: [[String]]
        public init(id: String, title: String, category: String?, relevance: Double, phrasings: [[String]]) {
            self.id = id
            self.title = title
            self.category = category
            self.relevance = relevance
            self.phrasings = phrasings
        }
    }

    /// What a candidate scored, and the features the calibration reads.
    public struct Ranked: Sendable {
        public var id: String
        public var title: String
        public var score: Double
        public var relevance: Double
        public var phrasingMatch: Double
        public var categoryAgreement: Double
        /// IDF-weighted share of the query's terms found anywhere in the article's title or questions.
        public var coverage: Double
        /// The query's best phrasing match with a known out-of-scope question (a property of the
        /// query, the same for every candidate; 0 without such examples).
        public var outOfScopeMatch: Double = 0
    }

    public var bm25Weight = 0.35
    public var phrasingWeight = 1.0
    public var coverageWeight = 0.6
    public var categoryWeight = 0.15

    public init() {}

    /// Ranks `candidates` for `queryTerms`; `documentFrequency` counts articles per term,
    /// `documentCount` all articles; `predictedCategory` is the classifier's answer (nil: none);
    /// `outOfScope` holds the terms of questions the KB must not answer (``KBCalibration/outOfScope``).
    public func rank(queryTerms: [String], candidates: [Candidate], documentFrequency: [String: Int],
                     documentCount: Int, predictedCategory: String?, outOfScope: [[String]] = []) -> [Ranked] {
        guard !candidates.isEmpty else { return [] }
        let n = Double(max(documentCount, 1))
        // A term no article contains (a name, a typo, words of the mail around the question) says
        // nothing about which article fits: it weighs like a term found in every article.
        let idf = Dictionary(uniqueKeysWithValues: queryTerms.map { term in
            (term, log(1 + n / Double(documentFrequency[term].map { max($0, 1) } ?? Int(n))))
        })
        let total = queryTerms.reduce(0) { $0 + (idf[$1] ?? 0) }
        let best = candidates.map(\.relevance).max() ?? 1
        let query = Set(queryTerms)
        let predicted = predictedCategory?.lowercased()
        let outOfScopeMatch = outOfScope.reduce(0) { max($0, Self.phrasingMatch(query, $1, idf: idf, total: total)) }
        return candidates.map { c -> Ranked in
            var match = 0.0
            var found = Set<String>()
            for phrasing in c.phrasings where !phrasing.isEmpty {
                found.formUnion(query.intersection(phrasing))
                match = max(match, Self.phrasingMatch(query, phrasing, idf: idf, total: total))
            }
            var agreement = 0.0
            if let predicted, let category = c.category?.lowercased() { agreement = predicted == category ? 1 : -1 }
            let relative = best > 0 ? c.relevance / best : 0
            let coverage = total > 0 ? found.reduce(0) { $0 + (idf[$1] ?? 0) } / total : 0
            let score = bm25Weight * relative + phrasingWeight * match + coverageWeight * coverage + categoryWeight * agreement
            return Ranked(id: c.id, title: c.title, score: score, relevance: c.relevance, phrasingMatch: match,
                          categoryAgreement: agreement, coverage: coverage, outOfScopeMatch: outOfScopeMatch)
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }

    /// How well one phrasing (a title, a question) matches the query: the IDF-weighted share of the
    /// query found in it, balanced (harmonic mean) with the share of the phrasing found in the query.
    /// `phrasing` holds distinct terms (``KBTerms/queryTerms(_:)``); no set is built, as this runs for
    /// every out-of-scope example on every search.
    static func phrasingMatch(_ query: Set<String>, _ phrasing: [String], idf: [String: Double], total: Double) -> Double {
        guard !phrasing.isEmpty, total > 0 else { return 0 }
        var shared = 0
        var weight = 0.0
        for term in phrasing where query.contains(term) {
            shared += 1
            weight += idf[term] ?? 0
        }
        guard shared > 0 else { return 0 }
        let covered = weight / total
        let precise = Double(shared) / Double(phrasing.count)
        return 2 * covered * precise / (covered + precise)
    }
}
