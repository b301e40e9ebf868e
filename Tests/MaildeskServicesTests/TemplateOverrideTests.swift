import Foundation
import Logging
import MaildeskConfig
import MaildeskServices
import Testing

/// An admin's `acknowledgement.txt` in `[helpdesk] templates` replaces the built-in text.
@Suite struct TemplateOverrideTests {
    @Test func adminTemplateIsUsed() async throws {
        let state = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: state + "/templates", withIntermediateDirectories: true)
        try "Hi {{customer.name}}, we got {{ticket.tag}}. {{unknown.key}}\n"
            .write(toFile: state + "/templates/acknowledgement.txt", atomically: true, encoding: .utf8)
        var configuration = TestSupport.configuration(state: state)
        configuration.helpdesk.templates = state + "/templates"
        let app = try MaildeskApp(configuration: configuration, logger: Logger(label: "test"))
        _ = try await app.ingestMessage(TestSupport.mail(from: "Ana <ana@customer.test>", subject: "Hi", messageID: "t1@customer.test"))
        _ = try await app.flushOutbox()
        let files = try FileManager.default.contentsOfDirectory(atPath: state + "/outbox").filter { $0.hasSuffix(".eml") }
        let mail = try String(contentsOfFile: state + "/outbox/" + #require(files.first), encoding: .utf8)
        #expect(mail.contains("Hi Ana, we got [#1]."))
        #expect(mail.contains("{{unknown.key}}"))
    }
}
