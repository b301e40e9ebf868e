import Foundation
import Testing
@testable import MailMIME

/// multipart/alternative when an HTML body is set (RFC 2046 §5.1.4), read back with our own parser.
@Suite struct OutgoingMailAlternativeTests {
    func mail(attachments: Bool) -> OutgoingMail {
        var mail = OutgoingMail(from: MailAddress(name: "Desk", address: "help@x.org"), to: [MailAddress(name: nil, address: "ann@y.org")],
                                subject: "[#1] 退款", date: Date(timeIntervalSince1970: 1_700_000_000), messageID: "a.1@x.org",
                                text: "Hello Ann,\n\nsee below: 退款")
        mail.html = "<p>Hello Ann,</p><p><strong>see below</strong>: 退款</p>"
        if attachments { mail.attachments = [("a.txt", "text/plain", Array("file".utf8))] }
        return mail
    }

    @Test func textAndHTMLAlternatives() {
        let raw = mail(attachments: false).render()
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.contains("Content-Type: multipart/alternative;"))
        #expect(!text.contains("multipart/mixed"))
        #expect(raw.allSatisfy { $0 < 128 })
        // Plain text first, HTML last (the preferred, richest alternative).
        let plain = text.range(of: "Content-Type: text/plain")!.lowerBound
        let html = text.range(of: "Content-Type: text/html")!.lowerBound
        #expect(plain < html)
        let parsed = MIMEParser().parse(raw)
        #expect(parsed.text?.contains("see below: 退款") == true)
        #expect(parsed.html?.contains("<strong>see below</strong>: 退款") == true)
        #expect(parsed.defects.isEmpty)
    }

    @Test func alternativeInsideMixedWithAttachments() {
        let raw = mail(attachments: true).render()
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.contains("Content-Type: multipart/mixed;"))
        #expect(text.contains("Content-Type: multipart/alternative;"))
        let parsed = MIMEParser().parse(raw)
        #expect(parsed.html?.contains("<strong>") == true)
        #expect(parsed.text?.contains("see below") == true)
        #expect(parsed.attachments.map(\.filename) == ["a.txt"])
    }

    @Test func withoutHTMLTheMailIsUnchanged() {
        var plain = mail(attachments: false)
        plain.html = nil
        let text = String(decoding: plain.render(), as: UTF8.self)
        #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(!text.contains("multipart"))
    }
}
