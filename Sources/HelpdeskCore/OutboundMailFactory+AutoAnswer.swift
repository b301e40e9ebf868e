import Foundation
import MailMIME

/// A knowledge-base article that answers a new ticket.
public struct AnswerArticle: Sendable {
    public var id: String
    public var title: String
    /// The article's Markdown, used as is in the text part.
    public var markdown: String
    /// The article rendered to HTML (a fragment), used in the HTML alternative.
    public var html: String
    public init(id: String, title: String, markdown: String, html: String) {
        self.id = id
        self.title = title
        self.markdown = markdown
        self.html = html
    }
}

extension OutboundMailFactory {
    /// The auto-answer of a new ticket: the acknowledgement's headers (Auto-Submitted: auto-replied,
    /// X-Auto-Response-Suppress, X-Loop, threading; RFC 3834 §5), the `auto-answer.txt` text with the
    /// article, and an HTML alternative of the same text with the article rendered (RFC 2046 §5.1.4).
    public func autoAnswer(ticketID: Int64, subject: String, customer: MailAddress, article: AnswerArticle,
                           inReplyTo: String?, references: [String], template: String, date: Date,
                           replyTo: MailAddress? = nil) -> OutgoingMail {
        let marker = "\u{1}article\u{1}"
        let headed = acknowledgement(ticketID: ticketID, subject: subject, customer: customer, inReplyTo: inReplyTo,
                                     references: references, template: "", date: date, replyTo: replyTo)
        var values = customerTemplateValues(ticketID: ticketID, subject: subject, customer: customer)
        values["article.id"] = article.id
        values["article.title"] = article.title
        var mail = headed
        values["article.body"] = article.markdown
        mail.text = renderer.render(template, values: values)
        values["article.body"] = marker
        mail.html = Self.htmlDocument(renderer.render(template, values: values), marker: marker,
                                      articleHTML: article.html, title: mail.subject)
        mail.extraHeaders.append(("X-Maildesk-KB-Article", article.id))
        return mail
    }

    /// Plain text as HTML paragraphs (escaped, line breaks kept), the paragraph holding `marker`
    /// replaced by `articleHTML`.
    static func htmlDocument(_ text: String, marker: String, articleHTML: String, title: String) -> String {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        var body = ""
        for paragraph in paragraphs {
            let trimmed = paragraph.trimmingCharacters(in: .newlines)
            if trimmed.isEmpty { continue }
            if trimmed.contains(marker) {
                let parts = trimmed.components(separatedBy: marker)
                if !parts[0].trimmingCharacters(in: .whitespaces).isEmpty { body += "<p>\(escape(parts[0]))</p>\n" }
                body += "<div class=\"kb-article\">\n\(articleHTML)\n</div>\n"
                let rest = parts.dropFirst().joined()
                if !rest.trimmingCharacters(in: .whitespaces).isEmpty { body += "<p>\(escape(rest))</p>\n" }
            } else {
                body += "<p>" + escape(trimmed).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>\n"
            }
        }
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>\n<body>\n"
            + body + "</body></html>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
