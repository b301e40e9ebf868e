import Crypto
import Foundation
import GRDB
import HelpdeskKB

/// The knowledge-base index (migration `v8-kb`): articles, an FTS5 table over their title, questions,
/// body and CJK bigrams, the fitted confidence calibration, and the auto-answers sent.
/// - SeeAlso: https://sqlite.org/fts5.html (external rowids, `bm25()`), §8 fts5vocab
public enum KBStore {
    /// BM25 column weights: title, questions, body, CJK bigrams.
    public static let columnWeights = (title: 3.0, questions: 2.0, body: 1.0, cjk: 2.0)

    static func createSchema(_ db: Database) throws {
        try db.create(table: "kb_article") { t in
            t.primaryKey("id", .text)
            t.column("title", .text).notNull()
            t.column("category", .text)
            t.column("tags", .text).notNull().defaults(to: "[]")
            t.column("language", .text)
            t.column("questions", .text).notNull().defaults(to: "[]")
            t.column("body", .text).notNull()
            // Terms of the title and each question, one phrasing per line (for re-ranking).
            t.column("phrasing_terms", .text).notNull()
            t.column("content_hash", .text).notNull()
            t.column("imported_at", .datetime).notNull()
        }
        // rowid = kb_article.rowid. Columns hold pre-tokenized text (KBTerms): folded words, and CJK
        // bigrams separated by spaces, because unicode61 does not split Han or kana.
        try db.create(virtualTable: "kb_fts", using: FTS5()) { t in
            t.tokenizer = .unicode61()
            t.column("title")
            t.column("questions")
            t.column("body")
            t.column("cjk")
        }
        try db.execute(sql: "CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'row')")
        try db.create(table: "kb_calibration") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("model", .text).notNull()
            t.column("fitted_at", .datetime).notNull()
        }
        try db.create(table: "kb_answer") { t in
            t.column("ticket_id", .integer).notNull().indexed().references("ticket", onDelete: .cascade)
            t.column("article_id", .text).notNull()
            t.column("confidence", .double).notNull()
            t.column("entry_id", .integer).references("entry", onDelete: .setNull)
            t.column("created_at", .datetime).notNull()
        }
    }

    public struct SyncReport: Sendable, Equatable {
        public var added: [String] = []
        public var updated: [String] = []
        public var removed: [String] = []
        public var unchanged = 0
        public init() {}
    }

    /// Makes the index hold exactly `articles`: new ones added, changed ones (by content hash)
    /// re-indexed, ones no longer present removed. Idempotent.
    public static func sync(_ db: Database, articles: [KBArticle], now: Date = Date()) throws -> SyncReport {
        var report = SyncReport()
        let existing = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, content_hash FROM kb_article")
            .map { ($0["id"] as String, $0["content_hash"] as String) })
        let wanted = Set(articles.map(\.id))
        for id in existing.keys.sorted() where !wanted.contains(id) {
            try delete(db, id: id)
            report.removed.append(id)
        }
        for article in articles {
            let hash = contentHash(article)
            switch existing[article.id] {
            case hash?: report.unchanged += 1
            case nil:
                try insert(db, article, hash: hash, now: now)
                report.added.append(article.id)
            case _?:
                try delete(db, id: article.id)
                try insert(db, article, hash: hash, now: now)
                report.updated.append(article.id)
            }
        }
        return report
    }

    static func delete(_ db: Database, id: String) throws {
        guard let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM kb_article WHERE id = ?", arguments: [id]) else { return }
        try db.execute(sql: "DELETE FROM kb_fts WHERE rowid = ?", arguments: [rowid])
        try db.execute(sql: "DELETE FROM kb_article WHERE rowid = ?", arguments: [rowid])
    }

    static func insert(_ db: Database, _ a: KBArticle, hash: String, now: Date) throws {
        let phrasings = ([a.title] + a.questions).map { KBTerms.queryTerms($0).joined(separator: " ") }
        try db.execute(sql: """
            INSERT INTO kb_article (id, title, category, tags, language, questions, body, phrasing_terms, content_hash, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [a.id, a.title, a.category, json(a.tags), a.language, json(a.questions), a.body,
                             phrasings.joined(separator: "\n"), hash, now])
        let rowid = db.lastInsertedRowID
        let questions = a.questions.joined(separator: "\n")
        try db.execute(sql: "INSERT INTO kb_fts (rowid, title, questions, body, cjk) VALUES (?, ?, ?, ?, ?)", arguments: [
            rowid, KBTerms.words(a.title), KBTerms.words(questions), KBTerms.words(a.body),
            KBTerms.cjkBigrams(a.title + "\n" + questions + "\n" + a.body),
        ])
    }

    static func contentHash(_ article: KBArticle) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(article)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func json(_ list: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
