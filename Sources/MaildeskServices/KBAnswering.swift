import Foundation
import GRDB
import HelpdeskCore
import HelpdeskKB
import MailMIME
import MaildeskStore

/// Knowledge-base answers inside the ingest transaction: the search for a new ticket, the
/// auto-answer mail (instead of the acknowledgement, when the top article's confidence reaches
/// `[kb] threshold`), and the lines agents see (suggestions, the article that was tried).
struct KBAnswering {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    /// The top articles for a new ticket's subject and text (whole and by sentence); empty without a KB or on a search error
    /// (a broken index must not stop mail from becoming tickets).
    func search(subject: String, text: String, limit: Int = 3) -> [KnowledgeBase.Result] {
        guard let kb = processor.knowledgeBase else { return [] }
        return (try? kb.searchMail(db, subject: subject, text: text, limit: limit)) ?? []
    }

    /// Whether `results` hold an article confident enough to answer with.
    func answer(in results: [KnowledgeBase.Result]) -> KnowledgeBase.Result? {
        guard let top = results.first, top.confidence >= processor.kbThreshold else { return nil }
        return top
    }

    /// Queues the auto-answer with `result`'s article (through the automatic-mail limits), records it,
    /// and marks the ticket `answered`. Returns the number of mails queued, or nil when nothing was sent
    /// (the article vanished meanwhile, or the limits refused the customer).
    func send(_ result: KnowledgeBase.Result, ticket: inout TicketRecord, customer: MailAddress, parent: ParsedMessage) throws -> Int? {
        guard let article = try KBStore.article(db, id: result.id), let ticketID = ticket.id else { return nil }
        let queue = AcknowledgementQueue(processor: processor, db: db, now: now)
        let mail = processor.factory.autoAnswer(
            ticketID: ticketID, subject: ticket.subject, customer: customer,
            article: AnswerArticle(id: article.id, title: article.title, markdown: article.body,
                                   html: KBArticleHTML.render(markdown: article.body)),
            inReplyTo: parent.messageID, references: parent.references,
            template: processor.currentTemplates.autoAnswer, date: now, replyTo: queue.customerReplyTo(ticketID: ticketID))
        guard let (queued, entryID) = try queue.queueAutomatic(mail, ticketID: ticketID, kind: .autoAnswer) else { return nil }
        try KBStore.recordAnswer(db, ticketID: ticketID, articleID: article.id, confidence: result.confidence,
                                 entryID: entryID, now: now)
        ticket.status = TicketStatus.answered.rawValue
        try ticket.update(db)
        return queued
    }

    /// A system entry on a ticket the customer closed by confirming the article helped.
    func recordSolved(ticketID: Int64) throws {
        let tried = try KBStore.lastAnswer(db, ticketID: ticketID)
        let what = tried.map { "knowledge-base article \($0.articleID)" } ?? "the auto-answer"
        var entry = EntryRecord(ticketId: ticketID, kind: EntryKind.system.rawValue,
                                body: "Closed: the customer replied that \(what) solved the problem.", createdAt: now)
        entry.fromJson = AddressJSON.encode([processor.factory.helpdesk])
        try entry.insertFast(db)
    }

    /// `{{suggestions}}` of a new ticket's notification: the top articles (id, title, confidence).
    static func suggestionLines(_ results: [KnowledgeBase.Result]) -> String {
        guard !results.isEmpty else { return "" }
        let lines = results.map { r in "  \(r.id)  \(r.title) (confidence \(String(format: "%.2f", r.confidence)))" }
        return "Suggested knowledge-base articles:\n" + lines.joined(separator: "\n") + "\n\n"
    }

    /// `{{suggestions}}` of a reply to an auto-answer that did not say it solved the problem.
    func attemptedLine(ticketID: Int64) throws -> String {
        guard let tried = try KBStore.lastAnswer(db, ticketID: ticketID) else { return "" }
        return "Auto-answer tried: knowledge-base article \(tried.articleID)"
            + (tried.title.map { " “\($0)”" } ?? "") + "; the customer's reply did not say it solved the problem.\n\n"
    }
}
