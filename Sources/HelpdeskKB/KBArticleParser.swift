import Foundation
import Yams

/// A front-matter or Markdown problem in one article file: one line naming the file.
public struct KBArticleError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
}

/// Reads an article: a `---` line, YAML front matter (YAML 1.1 via Yams), a `---` line, Markdown.
///
/// Keys: `title` (required), `category`, `tags` (list or comma-separated string), `language`,
/// `questions` (list of strings). Unknown keys are an error so a typo (`question:`) does not silently
/// drop phrasings.
public enum KBArticleParser {
    public static let keys: Set<String> = ["title", "category", "tags", "language", "questions"]

    public static func parse(_ text: String, fileName: String) throws(KBArticleError) -> KBArticle {
        func fail(_ reason: String) -> KBArticleError { KBArticleError(file: fileName, reason: reason) }
        // "\r\n" is one Character in Swift: normalise line ends before splitting.
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard lines.first.map({ $0.trimmingTrailingSpaces() == "---" }) == true else {
            throw fail("no front matter (the file must start with a line \"---\")")
        }
        guard let close = lines.indices.dropFirst().first(where: {
            let l = lines[$0].trimmingTrailingSpaces()
            return l == "---" || l == "..."
        }) else {
            throw fail("front matter is not closed (no second \"---\" line)")
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n").trimmingBlankLines()
        let node: Any?
        do {
            node = try Yams.load(yaml: yaml)
        } catch let error as YamlError {
            throw fail("invalid YAML front matter: \(Self.describe(error))")
        } catch {
            throw fail("invalid YAML front matter")
        }
        guard let map = node as? [String: Any] else { throw fail("front matter must be a mapping of keys (title: …)") }
        if let unknown = map.keys.sorted().first(where: { !keys.contains($0) }) {
            throw fail("unknown front-matter key \"\(unknown)\" (allowed: \(keys.sorted().joined(separator: ", ")))")
        }
        guard let title = scalar(map["title"]), !title.isEmpty else { throw fail("front matter has no \"title\"") }
        let questions: [String]
        switch map["questions"] {
        case nil: questions = []
        case let list as [Any]:
            questions = try list.map { item throws(KBArticleError) -> String in
                guard let s = scalar(item) else { throw fail("\"questions\" must be a list of strings") }
                return s
            }.filter { !$0.isEmpty }
        case let one?:
            guard let s = scalar(one) else { throw fail("\"questions\" must be a list of strings") }
            questions = [s]
        }
        let tags: [String]
        switch map["tags"] {
        case nil: tags = []
        case let list as [Any]: tags = list.compactMap(scalar).filter { !$0.isEmpty }
        case let one?:
            guard let s = scalar(one) else { throw fail("\"tags\" must be a list or a comma-separated string") }
            tags = s.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        }
        for key in ["category", "language"] where map[key] != nil && scalar(map[key]) == nil {
            throw fail("\"\(key)\" must be a string")
        }
        return KBArticle(id: KBArticle.id(forFileName: fileName), title: title, category: scalar(map["category"]),
                         tags: tags, language: scalar(map["language"]), questions: questions, body: body)
    }

    /// A YAML scalar as text (numbers and booleans as written); nil for lists and maps.
    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.trimmingCharacters()
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        case let b as Bool: return b ? "true" : "false"
        default: return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        let text = "\(error)"
        // Yams' messages span lines (a caret under the offending column): keep one line.
        let first = text.split(separator: "\n").first.map(String.init) ?? text
        return first.trimmingCharacters()
    }
}

extension StringProtocol {
    func trimmingTrailingSpaces() -> Substring {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }

    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func trimmingBlankLines() -> String {
        var lines = self.split(separator: "\n", omittingEmptySubsequences: false)
        while let f = lines.first, f.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let l = lines.last, l.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
