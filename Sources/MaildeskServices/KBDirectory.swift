import Foundation
import HelpdeskKB
import HelpdeskText

/// Reads a knowledge-base folder: every `*.md` file is an article (id = file name stem; sub-folders
/// are read too), and an optional `calibration.csv` (columns `text`, `expected`) holds validation
/// queries for fitting the confidence calibration.
public struct KBDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public static let calibrationFile = "calibration.csv"

    /// One labelled query: the article that answers it, or nil when none should.
    public struct LabeledQuery: Sendable {
        public var text: String
        public var expected: String?
        public init(text: String, expected: String?) {
            self.text = text
            self.expected = expected
        }
    }

    /// All articles, sorted by id. A file that cannot be read or parsed throws ``KBArticleError``
    /// naming it; two files with the same stem are an error too.
    public func articles() throws -> [KBArticle] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw KBArticleError(file: path, reason: "not a directory")
        }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw KBArticleError(file: path, reason: "cannot list the directory")
        }
        var files: [String] = []
        while let name = walker.nextObject() as? String {
            if name.lowercased().hasSuffix(".md"), !(name as NSString).lastPathComponent.hasPrefix(".") { files.append(name) }
        }
        var seen: [String: String] = [:]
        var out: [KBArticle] = []
        for name in files.sorted() {
            let full = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw KBArticleError(file: full, reason: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw KBArticleError(file: full, reason: "not UTF-8 text")
            }
            let article = try KBArticleParser.parse(text, fileName: full)
            if let other = seen[article.id] {
                throw KBArticleError(file: full, reason: "article id \"\(article.id)\" is also used by \(other)")
            }
            seen[article.id] = full
            out.append(article)
        }
        return out.sorted { $0.id < $1.id }
    }

    /// The validation queries of `calibration.csv`, or nil when the folder has none.
    public func calibrationQueries() throws -> [LabeledQuery]? {
        let file = (path as NSString).appendingPathComponent(Self.calibrationFile)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        return try Self.queries(file: file)
    }

    /// Labelled queries of a CSV file with columns `text` and `expected` (empty: no article).
    public static func queries(file: String) throws -> [LabeledQuery] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KBArticleError(file: file, reason: "cannot read the file")
        }
        let table: CSVTable
        do {
            table = try CSVTable(parsing: [UInt8](data))
        } catch {
            throw KBArticleError(file: file, reason: "\(error)")
        }
        guard let text = table.column("text"), let expected = table.column("expected") else {
            throw KBArticleError(file: file, reason: "needs columns \"text\" and \"expected\" (has: \(table.header.joined(separator: ", ")))")
        }
        return table.rows.compactMap { row in
            guard text < row.count else { return nil }
            let e = expected < row.count ? row[expected].trimmingCharacters(in: .whitespaces) : ""
            return LabeledQuery(text: row[text], expected: e.isEmpty ? nil : e)
        }
    }
}
