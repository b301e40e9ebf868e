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
