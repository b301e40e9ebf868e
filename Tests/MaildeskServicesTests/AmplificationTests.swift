import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskServices
import MaildeskStore
import MailMIME
import Testing

/// A stranger's huge subject, name or text is not echoed back in automatic mail (docs/design.md#loop-safety).
@Suite struct AmplificationTests {
    func app(agents: Bool = false) throws -> MaildeskApp {
        var configuration = TestSupport.configuration(state: try TestSupport.temporaryDirectory())
        if agents { configuration.helpdesk.agents = [AgentConfig(id: "alice", address: "alice@agents.test", name: "Alice")] }
        return try MaildeskApp(configuration: configuration, logger: Logger(label: "test"))
    }

    func mail(to recipient: String, after raw: [UInt8], in app: MaildeskApp) async throws -> [UInt8] {
        _ = try await app.ingestMessage(raw)
        let row = try await app.database.writer.read { try OutboxQueue.all($0).first { $0.recipient == recipient } }
        return Array(try #require(row).data)
    }

    /// Every line of the header section, in octets (RFC 5322 §2.1.1: at most 998).
    func headerLines(_ bytes: [UInt8]) -> [Int] {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        return head.components(separatedBy: "\r\n").map(\.utf8.count)
    }

    @Test func megabyteSubjectGetsASmallAcknowledgement() async throws {
        let subject = String(repeating: "x", count: 500_000) + String(repeating: " spam", count: 100_000)
        let ack = try await mail(to: "ana@customer.test", after: TestSupport.mail(
            from: "ana@customer.test", subject: subject, messageID: "big@customer.test"), in: try app())
        #expect(ack.count < 16_384)
        #expect(headerLines(ack).allSatisfy { $0 <= 998 })
        let parsed = MIMEParser().parse(ack)
        #expect(parsed.subject == "[#1] " + String(repeating: "x", count: 199) + "…")
        #expect(parsed.text?.contains("> " + String(repeating: "x", count: 199) + "…\n") == true)
    }

    @Test func encodedWordBombGetsASmallAcknowledgement() async throws {
        let subject = Array(repeating: "=?UTF-8?B?w6nDqcOp?=", count: 60_000).joined(separator: " ")
        let ack = try await mail(to: "ana@customer.test", after: TestSupport.mail(
            from: "ana@customer.test", subject: subject, messageID: "bomb@customer.test"), in: try app())
        #expect(ack.count < 16_384)
        #expect(headerLines(ack).allSatisfy { $0 <= 998 })
    }

    @Test func hugeNameAndMessageIDsAreNotEchoed() async throws {
        let name = String(repeating: "Ana", count: 300_000)
        let longID = String(repeating: "i", count: 2000) + "@customer.test"
        let raw = TestSupport.mail(from: "\"\(name)\" <ana@customer.test>", subject: "Hello", messageID: longID,
                                   extraHeaders: ["References: <\(longID)> <ok@customer.test>"])
        let ack = try await mail(to: "ana@customer.test", after: raw, in: try app())
        #expect(ack.count < 16_384)
        #expect(headerLines(ack).allSatisfy { $0 <= 998 })
        let parsed = MIMEParser().parse(ack)
        #expect(parsed.inReplyTo.isEmpty)
        #expect(parsed.references == ["ok@customer.test"])
    }

    /// No address holds more than 254 octets (RFC 5321 §4.5.3.1.3: a path of 256 with its brackets).
    @Test func overlongAddressGetsNoAutomaticMail() async throws {
        let app = try app()
        let local = String(repeating: "a", count: 300)
        let result = try await app.ingestMessage(TestSupport.mail(from: "\(local)@customer.test", subject: "Hi", messageID: "al@customer.test"))
        guard case let .entry(_, _, newTicket, _, queued) = result else { Issue.record("\(result)"); return }
        #expect(newTicket)
        #expect(queued == 0)
        let fine = try await app.ingestMessage(TestSupport.mail(from: "\(local.prefix(64))@customer.test", subject: "Hi", messageID: "ok@customer.test"))
        guard case let .entry(_, _, _, _, acknowledged) = fine else { Issue.record("\(fine)"); return }
        #expect(acknowledged == 1)
    }

    @Test func notificationQuotesABoundedText() async throws {
        let body = String(repeating: "word ", count: 200_000)
        let notice = try await mail(to: "alice@agents.test", after: TestSupport.mail(
            from: "ana@customer.test", subject: String(repeating: "s", count: 1_000_000), messageID: "long@customer.test",
            body: body), in: try app(agents: true))
        #expect(notice.count < 100_000)
        #expect(headerLines(notice).allSatisfy { $0 <= 998 })
        let text = try #require(MIMEParser().parse(notice).text)
        let kept = body.trimmingCharacters(in: .whitespaces).count
        #expect(text.contains("(\(kept - 65_536) more characters in `maildesk tickets show 1`)"))
    }
}
