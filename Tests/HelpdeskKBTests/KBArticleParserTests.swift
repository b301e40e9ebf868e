import HelpdeskKB
import Testing

@Suite struct KBArticleParserTests {
    @Test func readsFrontMatterAndBody() throws {
        let text = """
            ---
            title: "Reset your password"
            category: account
            tags: [login, password]
            language: en
            questions:
              - I forgot my password
              - "How do I reset my password?"
            ---

            # Steps

            Open **Settings**.
            """
        let article = try KBArticleParser.parse(text, fileName: "kb/reset-password.md")
        #expect(article.id == "reset-password")
        #expect(article.title == "Reset your password")
        #expect(article.category == "account")
        #expect(article.tags == ["login", "password"])
        #expect(article.language == "en")
        #expect(article.questions == ["I forgot my password", "How do I reset my password?"])
        #expect(article.body == "# Steps\n\nOpen **Settings**.")
    }

    @Test func acceptsCRLFAndCommaTags() throws {
        let text = "---\r\ntitle: 退款\r\ntags: refund, money\r\n---\r\n正文\r\n"
        let article = try KBArticleParser.parse(text, fileName: "退款.md")
        #expect(article.id == "退款")
        #expect(article.tags == ["refund", "money"])
        #expect(article.body == "正文")
        #expect(article.questions.isEmpty)
    }

    @Test(arguments: [
        ("no front matter here", "no front matter"),
        ("---\ntitle: x\nbody without end", "front matter is not closed"),
        ("---\ntitle: [unclosed\n---\nbody", "invalid YAML front matter"),
        ("---\ncategory: a\n---\nbody", "has no \"title\""),
        ("---\ntitle: a\nquestion: typo\n---\nbody", "unknown front-matter key \"question\""),
        ("---\ntitle: a\nquestions:\n  - {a: b}\n---\nbody", "\"questions\" must be a list of strings"),
        ("---\n- just\n- a list\n---\nbody", "must be a mapping"),
        ("---\ntitle: a\ncategory: [x]\n---\nbody", "\"category\" must be a string"),
    ])
    func errorsAreOneLineNamingTheFile(text: String, reason: String) {
        do {
            _ = try KBArticleParser.parse(text, fileName: "kb/broken.md")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.hasPrefix("kb/broken.md: "))
            #expect(error.description.contains(reason), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}
