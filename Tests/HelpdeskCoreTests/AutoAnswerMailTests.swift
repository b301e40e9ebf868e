import Foundation
import HelpdeskCore
import MailMIME
import Testing

/// The auto-answer mail: the acknowledgement's loop-safe headers, the article in the text, and an
/// HTML alternative of the same text with the rendered article in place of `{{article.body}}`.
@Suite struct AutoAnswerMailTests {
    let factory = OutboundMailFactory(helpdesk: MailAddress(name: "Desk", address: "support@maildesk.test"),
                                      signer: MessageIDSigner(secret: Array(repeating: 7, count: 32), domain: "maildesk.test"),
                                      subjectTag: SubjectTag())

    @Test func carriesTheArticleInTextAndHTML() {
        let article = AnswerArticle(id: "reset", title: "Reset <your> password", markdown: "Open **Settings**.",
                                    html: "<p>Open <strong>Settings</strong>.</p>")
        let mail = factory.autoAnswer(ticketID: 7, subject: "Help", customer: MailAddress(name: "Ann & Bo", address: "ann@customer.test"),
                                      article: article, inReplyTo: "q1@customer.test", references: [],
                                      template: BuiltInTemplates.autoAnswer, date: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(mail.subject == "[#7] Help")
        #expect(mail.text.contains("Open **Settings**."))
        #expect(mail.text.contains("Reset <your> password"))
        #expect(mail.text.contains("reply with \"solved\""))
        let html = try! #require(mail.html)
        #expect(html.contains("<div class=\"kb-article\">\n<p>Open <strong>Settings</strong>.</p>\n</div>"))
        #expect(html.contains("Hello Ann &amp; Bo,"))
        #expect(html.contains("<p>Reset &lt;your&gt; password</p>"))
        #expect(!html.contains("Open **Settings**"))
        let headers = Dictionary(mail.extraHeaders, uniquingKeysWith: { a, _ in a })
        #expect(headers["Auto-Submitted"] == "auto-replied")
        #expect(headers["X-Auto-Response-Suppress"] == "All")
        #expect(headers["X-Maildesk-KB-Article"] == "reset")
        #expect(mail.inReplyTo == "q1@customer.test")
    }
}
