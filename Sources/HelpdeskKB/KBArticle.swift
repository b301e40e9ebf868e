/// One knowledge-base article: a Markdown file with YAML front matter. Its id is the file name stem
/// (`reset-password.md` → `reset-password`).
public struct KBArticle: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var category: String?
    public var tags: [String]
    /// BCP 47 tag as written (`en`, `zh`, `ja`, …), if given.
    public var language: String?
    /// Other phrasings of the question this article answers.
    public var questions: [String]
    /// The Markdown body after the front matter.
    public var body: String

    public init(id: String, title: String, category: String? = nil, tags: [String] = [], language: String? = nil,
                questions: [String] = [], body: String) {
        self.id = id
        self.title = title
        self.category = category
        self.tags = tags
        self.language = language
        self.questions = questions
        self.body = body
    }

    /// The article id of a file name: its stem (`a/b/faq.md` → `faq`).
    public static func id(forFileName name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }
}
