import Foundation
import HelpdeskCore
import MailMIME
import Testing

/// What automatic mail may quote from a customer's mail, and header lines within RFC 5322 §2.1.1's
/// 998 octets whatever we write.
@Suite struct QuoteLimitTests {
    @Test func subjectsAreClippedWithAnEllipsis() {
        #expect(QuoteLimit.subject("Printer on fire") == "Printer on fire")
        #expect(QuoteLimit.subject(String(repeating: "é", count: 200)) == String(repeating: "é", count: 200))
        #expect(QuoteLimit.subject(String(repeating: "é", count: 201)) == String(repeating: "é", count: 199) + "…")
        // One grapheme of a million combining marks is not one character's worth.
        let zalgo = "e" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(QuoteLimit.subject(zalgo).unicodeScalars.count == 200)
    }

    @Test func quotedTextNamesWhatWasLeftOut() {
        #expect(QuoteLimit.text("short", ticketID: 7) == "short")
        let long = String(repeating: "a", count: 70_000)
        #expect(QuoteLimit.text(long, ticketID: 7)
            == String(repeating: "a", count: 65_536) + "\n\n(4464 more characters in `maildesk tickets show 7`)")
    }

    @Test func acknowledgementQuotesAClippedSubjectAndName() {
        let factory = OutboundMailFactory(helpdesk: MailAddress(name: "Support", address: "support@maildesk.test"),
                                          signer: MessageIDSigner(secret: [1, 2, 3], domain: "maildesk.test"),
                                          subjectTag: SubjectTag())
        let mail = factory.acknowledgement(
            ticketID: 3, subject: String(repeating: "s", count: 300), customer: MailAddress(name: String(repeating: "n", count: 300), address: "ana@customer.test"),
            inReplyTo: String(repeating: "i", count: 1000) + "@x.test", references: ["a@x.test", String(repeating: "r", count: 1000) + "@x.test"],
            template: "{{customer.name}}|{{ticket.subject}}", date: Date(timeIntervalSince1970: 0))
        #expect(mail.subject == "[#3] " + String(repeating: "s", count: 199) + "…")
        #expect(mail.to.first?.name == String(repeating: "n", count: 199) + "…")
        #expect(mail.text == String(repeating: "n", count: 199) + "…|" + String(repeating: "s", count: 199) + "…")
        #expect(mail.inReplyTo == nil)
        #expect(mail.references == ["a@x.test"])
    }

    @Test(arguments: [1000, 5000, 100_000])
    func everyHeaderLineFitsInNineHundredNinetyEightOctets(_ length: Int) {
        var mail = OutgoingMail(from: MailAddress(name: nil, address: "support@maildesk.test"),
                                to: [MailAddress(name: nil, address: "ana@customer.test")],
                                subject: String(repeating: "x", count: length), date: Date(timeIntervalSince1970: 0),
                                messageID: "m1@maildesk.test", text: "hi")
        mail.extraHeaders = [("X-Long", String(repeating: "é", count: length)), ("X-Token", String(repeating: "t", count: length))]
        mail.references = [String(repeating: "r", count: length) + "@x.test"]
        let text = String(decoding: mail.render(), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(head.allSatisfy { $0.utf8.count <= 998 }, "\(head.map(\.utf8.count).max() ?? 0)")
        #expect(head.dropFirst().allSatisfy { !$0.isEmpty })
        #expect(head.filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }.count == 11)  // fields, each folded
    }
}
