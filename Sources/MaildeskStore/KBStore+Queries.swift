import Foundation
import GRDB
import HelpdeskKB
import Synchronization

extension KBStore {
    public static func article(_ db: Database, id: String) throws -> KBArticle? {
        try Row.fetchOne(db, sql: "SELECT * FROM kb_article WHERE id = ?", arguments: [id]).map(article(from:))
    }

    public static func articles(_ db: Database) throws -> [KBArticle] {
        try Row.fetchAll(db, sql: "SELECT * FROM kb_article ORDER BY id").map(article(from:))
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM kb_article") ?? 0
    }

    static func article(from row: Row) -> KBArticle {
        KBArticle(id: row["id"], title: row["title"], category: row["category"], tags: list(row["tags"]),
                  language: row["language"], questions: list(row["questions"]), body: row["body"])
    }

    /// The best `limit` articles for `terms` by BM25 (FTS5 `bm25()` with ``columnWeights``), as
    /// ranker candidates. The articles are joined after the limit, not for every match.
    public static func candidates(_ db: Database, terms: [String], limit: Int = 20) throws -> [KBRanker.Candidate] {
        guard let match = KBTerms.matchExpression(terms) else { return [] }
        let w = columnWeights
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.id, a.title, a.category, a.phrasing_terms, f.rank AS rank
            FROM (SELECT rowid, bm25(kb_fts, \(w.title), \(w.questions), \(w.body), \(w.cjk)) AS rank
                  FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?) f
            JOIN kb_article a ON a.rowid = f.rowid ORDER BY f.rank
            """), arguments: [match, limit]).map { row in
            let phrasings = (row["phrasing_terms"] as String).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.split(separator: " ").map(String.init) }
            return KBRanker.Candidate(id: row["id"], title: row["title"], category: row["category"],
                                      relevance: -(row["rank"] as Double), phrasings: phrasings)
        }
    }

    /// Articles containing each term (FTS5 `fts5vocab` row table).
    public static func documentFrequency(_ db: Database, terms: [String]) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let statement = try db.cachedStatement(sql: "SELECT doc FROM kb_vocab WHERE term = ?")
        for term in terms {
            if let n = try Int.fetchOne(statement, arguments: [term]) { out[term] = n }
        }
        return out
    }

    /// The stored calibration. Decoded once per stored text: with a few thousand out-of-scope
    /// examples the JSON is ~100 KB and decoding it on every search cost more than the search.
    public static func calibration(_ db: Database) throws -> KBCalibration? {
        guard let text = try String.fetchOne(db, sql: "SELECT model FROM kb_calibration WHERE id = 1") else { return nil }
        if let cached = decodedCalibration.withLock({ $0 }), cached.text == text { return cached.model }
        guard let model = try? JSONDecoder().decode(KBCalibration.self, from: Data(text.utf8)) else { return nil }
        decodedCalibration.withLock { $0 = (text, model) }
        return model
    }

    private static let decodedCalibration = Mutex<(text: String, model: KBCalibration)?>(nil)

    /// Stores the fitted calibration (nil: forget it, the built-in one applies).
    public static func setCalibration(_ db: Database, _ calibration: KBCalibration?, now: Date = Date()) throws {
        guard let calibration else {
            try db.execute(sql: "DELETE FROM kb_calibration")
            return
        }
        let text = String(decoding: try JSONEncoder().encode(calibration), as: UTF8.self)
        try db.execute(sql: "INSERT OR REPLACE INTO kb_calibration (id, model, fitted_at) VALUES (1, ?, ?)", arguments: [text, now])
    }

    /// Records an auto-answer on a ticket.
    public static func recordAnswer(_ db: Database, ticketID: Int64, articleID: String, confidence: Double,
                                    entryID: Int64?, now: Date) throws {
        try db.execute(sql: "INSERT INTO kb_answer (ticket_id, article_id, confidence, entry_id, created_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [ticketID, articleID, confidence, entryID, now])
    }

    /// The newest article auto-answered on a ticket, with its title if it still exists.
    public static func lastAnswer(_ db: Database, ticketID: Int64) throws -> (articleID: String, title: String?)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT k.article_id AS id, a.title AS title FROM kb_answer k LEFT JOIN kb_article a ON a.id = k.article_id
            WHERE k.ticket_id = ? ORDER BY k.rowid DESC LIMIT 1
            """, arguments: [ticketID]) else { return nil }
        return (row["id"], row["title"])
    }

    /// A migrated in-memory database for a throw-away index (`kb eval`).
    public static func temporaryIndex() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator().migrate(queue)
        return queue
    }
}
