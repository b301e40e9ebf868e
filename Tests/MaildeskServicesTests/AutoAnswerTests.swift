import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import Testing

/// The auto-answer path over a Maildir and a file outbox: article instead of acknowledgement,
/// "solved" closes, anything else reopens for the agents, suggestions below the threshold.
@Suite struct AutoAnswerTests {
    static func app(state: String, kb: String, maildir: String) throws -> MaildeskApp {
        var configuration = TestSupport.configuration(state: state, maildir: maildir)
        configuration.kb = KBConfig(directory: kb, threshold: 0.9)
        configuration.helpdesk.agents = [AgentConfig(id: "alice", address: "alice@agents.test", name: "Alice")]
        return try MaildeskApp(configuration: configuration, logger: Logger(label: "test"))
    }

    /// A state folder, the crafted KB and a maildir holding `mail`, and the app over them.
    static func appWithMail(_ mail: [UInt8]) throws -> (state: String, maildir: String, app: MaildeskApp) {
        let state = try TestSupport.temporaryDirectory()
        let kb = try KnowledgeBaseTests.writeKB(KnowledgeBaseTests.articles)
        let maildir = try TestSupport.makeMaildir(in: state, [mail])
        return (state, maildir, try app(state: state, kb: kb, maildir: maildir))
    }

    static func ticket(_ app: MaildeskApp) async throws -> TicketDetailView? {
        try await app.database.writer.read { try TicketQueries.detail($0, id: 1) }
    }

    static func outbox(_ state: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }.sorted()
            .map { try String(contentsOfFile: state + "/outbox/" + $0, encoding: .utf8) }
    }

    @Test func answeredThenSolved() async throws {
        let (state, maildir, app) = try Self.appWithMail(TestSupport.mail(
            from: "Ann <ann@customer.test>", subject: "Password", messageID: "q1@customer.test",
            body: "Hello,\r\nI forgot my password.\r\nAnn"))
        _ = try await app.pollOnce(send: true)
        let detail = try #require(try await Self.ticket(app))
        #expect(detail.ticket.status == "answered")
        #expect(detail.entries.map(\.kind) == ["customer", "auto_answer"])
        let mails = try Self.outbox(state)
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.contains("Content-Type: multipart/alternative;"))
        #expect(mail.contains("Content-Type: text/html; charset=utf-8"))
        #expect(mail.contains("Auto-Submitted: auto-replied"))
        #expect(mail.contains("X-Maildesk-KB-Article: reset-password"))
        #expect(mail.contains("<strong>Settings"))
        #expect(mail.contains("reply with \"solved\""))
        let logged = try await app.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM auto_reply_log") ?? 0 }
        #expect(logged == 1)

        let answerID = try #require(detail.entries.last?.messageId)
        try Data(TestSupport.mail(from: "Ann <ann@customer.test>", subject: "Re: [#1] Password", messageID: "q2@customer.test",
                                  inReplyTo: answerID, body: "Solved, thanks!\r\n\r\n> old text"))
            .write(to: URL(fileURLWithPath: maildir + "/new/1900000000.M9P1.test"))
        _ = try await app.pollOnce(send: true)
        let after = try #require(try await Self.ticket(app))
        #expect(after.ticket.status == "closed")
        #expect(after.entries.last?.kind == "system")
        #expect(try Self.outbox(state).count == 1)
    }

    @Test func notSolvedReopensForTheAgentsWithTheArticleNoted() async throws {
        let (state, maildir, app) = try Self.appWithMail(TestSupport.mail(
            from: "Ann <ann@customer.test>", subject: "Password", messageID: "q1@customer.test",
            body: "I forgot my password"))
        _ = try await app.pollOnce(send: true)
        let answerID = try #require(try await Self.ticket(app)?.entries.last?.messageId)
        try Data(TestSupport.mail(from: "Ann <ann@customer.test>", subject: "Re: [#1] Password", messageID: "q2@customer.test",
                                  inReplyTo: answerID, body: "That did not help, the reset link is expired."))
            .write(to: URL(fileURLWithPath: maildir + "/new/1900000000.M9P1.test"))
        _ = try await app.pollOnce(send: true)
        let after = try #require(try await Self.ticket(app))
        #expect(after.ticket.status == "open")
        let notice = try #require(try Self.outbox(state).first { $0.contains("To: \"Alice\" <alice@agents.test>") || $0.contains("To: Alice <alice@agents.test>") })
        #expect(notice.contains("reset-password"))
        #expect(notice.contains("did not say it solved"))
    }

    @Test func belowTheThresholdAcknowledgesAndSuggests() async throws {
        let (state, _, app) = try Self.appWithMail(TestSupport.mail(
            from: "Bo <bo@customer.test>", subject: "Account question", messageID: "q3@customer.test",
            body: "My colleague changed something in the account settings and now the export looks odd."))
        _ = try await app.pollOnce(send: true)
        let detail = try #require(try await Self.ticket(app))
        #expect(detail.ticket.status == "open")
        #expect(detail.entries.contains { $0.kind == "acknowledgement" })
        #expect(!detail.entries.contains { $0.kind == "auto_answer" })
        let notice = try #require(try Self.outbox(state).first { $0.contains("alice@agents.test>") && $0.contains("New ticket") })
        #expect(notice.contains("Suggested knowledge-base articles:"))
        #expect(notice.contains("reset-password"))
    }

    @Test func theFolderIsImportedAtTheFirstPollAndAfterAReload() async throws {
        let state = try TestSupport.temporaryDirectory()
        let kb = try KnowledgeBaseTests.writeKB(KnowledgeBaseTests.articles)
        let app = try Self.app(state: state, kb: kb, maildir: try TestSupport.makeMaildir(in: state, []))
        func count() async throws -> Int { try await app.database.writer.read { try KBStore.count($0) } }
        #expect(try await count() == 0)
        _ = try await app.pollOnce(send: false)
        #expect(try await count() == 3)
        try "---\ntitle: Opening hours\n---\nWe answer mail 9–17.".write(toFile: kb + "/hours.md", atomically: true, encoding: .utf8)
        _ = try await app.pollOnce(send: false)
        #expect(try await count() == 3, "no re-import without a reload")
        guard case .applied = app.reloader.reload() else { Issue.record("reload failed"); return }
        _ = try await app.pollOnce(send: false)
        #expect(try await count() == 4)
    }
}
