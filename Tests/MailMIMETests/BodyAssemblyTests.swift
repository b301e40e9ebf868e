import Testing
@testable import MailMIME

@Suite struct BodyAssemblyTests {
    @Test(arguments: [false, true])
    func firstInlineTextIsTheBodyAfterAnImageToo(crlf: Bool) {
        let msg = parse("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain; charset=utf-8

            Before the photo.
            --m
            Content-Type: image/jpeg; name=a.jpg
            Content-Disposition: inline; filename=a.jpg

            x
            --m
            Content-Type: text/plain; charset=us-ascii

            After the photo.
            --m
            Content-Type: text/plain; name=log.txt
            Content-Disposition: attachment; filename=log.txt

            not body text
            --m--

            """, crlf: crlf)
        // The first inline text part is the ticket text; the later one stays in the part tree.
        #expect(msg.text == "Before the photo.")
        #expect(msg.root.children.count == 4)
        #expect(msg.attachments.map(\.filename) == ["a.jpg", "log.txt"])
    }

    @Test func alternativeDoesNotConcatenate() {
        let msg = parse("""
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/plain

            one
            --a
            Content-Type: text/plain

            two
            --a--

            """)
        #expect(msg.text == "one")
    }

    @Test func duplicateSingletonHeadersAreDefects() {
        let msg = parse("""
            Subject: first
            Subject: second
            To: a@example.test
            Content-Type: text/plain
            Content-Type: text/html
            Received: one
            Received: two

            body

            """)
        #expect(msg.subject == "first")
        #expect(msg.defectCodes == ["header.duplicate", "header.duplicate"])
        #expect(msg.defects.map(\.detail).allSatisfy { $0.hasPrefix("Subject") || $0.hasPrefix("Content-Type") })
    }
}

/// RFC 2183 §2.1: an inline part is meant to be shown with the message, a filename notwithstanding (§2.3).
@Suite struct InlineTextWithFilenameTests {
    @Test(arguments: [false, true])
    func singleInlineTextPartIsTheText(crlf: Bool) {
        let m = parse("Content-Type: text/plain\nContent-Disposition: inline; filename=note.txt\n\nhello\n", crlf: crlf)
        #expect(m.text == "hello\n")
        #expect(m.attachments.map(\.filename) == ["note.txt"])  // still listed, as before
        #expect(m.defects.map { "\($0.code)@\($0.part ?? "-")" } == ["text.inline-filename@1"])
    }

    @Test func inlineTextPartInMixedIsTheText() {
        let m = parse("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain; charset=utf-8; name=message.txt
            Content-Disposition: inline; filename=message.txt

            The report is attached.
            --m
            Content-Type: application/pdf; name=r.pdf
            Content-Disposition: attachment; filename=r.pdf

            x
            --m--

            """)
        #expect(m.text == "The report is attached.")
        #expect(m.attachments.map(\.filename) == ["message.txt", "r.pdf"])
    }

    @Test func anEarlierBodyStillWinsAndAttachmentsStayAttachments() {
        let m = parse("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            body
            --m
            Content-Type: text/plain
            Content-Disposition: inline; filename=log.txt

            log
            --m--

            """)
        #expect(m.text == "body")
        #expect(m.defects.isEmpty)
        let n = parse("Content-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nfile\n")
        #expect(n.text == nil)
        let o = parse("Content-Type: text/plain; name=a.txt\n\nfile\n")
        #expect(o.text == nil)
    }
}
