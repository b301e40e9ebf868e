import Foundation
import Testing
@testable import MailMIME

@Suite struct OutgoingMailTests {
    private func sample() -> OutgoingMail {
        var mail = OutgoingMail(from: MailAddress(name: "Support Désk", address: "help@x.org"),
                                to: [MailAddress(name: "Ann", address: "ann@y.org")],
                                subject: "Re: [#42] Grüße — your printer is on fire again and again and again",
                                date: Date(timeIntervalSince1970: 1_700_000_000), messageID: "<abc.42@x.org>",
                                text: "Hello Ann,\n\nline with trailing space \nçà=\n.\n" + String(repeating: "long ", count: 40))
        mail.cc = [MailAddress(name: nil, address: "cc@y.org")]
        mail.replyTo = [MailAddress(name: "Desk", address: "reply+42@x.org")]
        mail.inReplyTo = "orig@y.org"
        mail.references = (1...8).map { "ref\($0).some-long-identifier@mail.example.org" }
        mail.extraHeaders = [("Auto-Submitted", "auto-replied"), ("X-Evil", "a\r\nBcc: victim@z")]
        return mail
    }

    @Test func rendersWellFormedHeaders() {
        let raw = String(decoding: sample().render(), as: UTF8.self)
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        let lines = head.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(raw.utf8.allSatisfy { $0 < 128 })
        #expect(lines.first == "Date: Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("Message-ID: <abc.42@x.org>"))
        #expect(!lines.contains { $0.hasPrefix("Bcc:") })
        // No bare LF anywhere.
        let bytes = sample().render()
        for (i, b) in bytes.enumerated() where b == 10 { #expect(i > 0 && bytes[i - 1] == 13) }
    }

    @Test func roundTripsThroughParser() {
        let mail = sample()
        let m = MIMEParser().parse(mail.render())
        #expect(m.defects.isEmpty)
        #expect(m.subject == mail.subject)
        #expect(m.from == [mail.from])
        #expect(m.to == mail.to)
        #expect(m.cc == mail.cc)
        #expect(m.replyTo == mail.replyTo)
        #expect(m.date == mail.date)
        #expect(m.messageID == "abc.42@x.org")
        #expect(m.inReplyTo == ["orig@y.org"])
        #expect(m.references == mail.references)
        #expect(m.header("Auto-Submitted") == "auto-replied")
        #expect(m.header("X-Evil") == "a Bcc: victim@z")
        #expect(m.text == mail.text)
        #expect(m.root.contentType == "text/plain")
        #expect(m.root.charset == "utf-8")
        #expect(m.attachments.isEmpty)
    }

    @Test func roundTripsWithAttachments() {
        var mail = sample()
        let blob = (0..<3000).map { UInt8($0 % 251) }
        mail.attachments = [("report.pdf", "application/pdf", blob), ("Übersicht 2024.txt", "text/plain", Array("hi".utf8))]
        let bytes = mail.render()
        #expect(bytes == mail.render())  // deterministic
        let m = MIMEParser().parse(bytes)
        #expect(m.defects.isEmpty)
        #expect(m.root.contentType == "multipart/mixed")
        #expect(m.text == mail.text)
        #expect(m.attachments.map(\.filename) == ["report.pdf", "Übersicht 2024.txt"])
        #expect(m.attachments[0].data == blob)
        #expect(m.attachments[0].contentType == "application/pdf")
        #expect(m.attachments[1].data == Array("hi".utf8))
        #expect(m.attachments.allSatisfy { $0.disposition == "attachment" })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func dateFormatting() {
        #expect(OutgoingMail.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(OutgoingMail.rfc5322Date(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(OutgoingMail.rfc5322Date(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }
}
