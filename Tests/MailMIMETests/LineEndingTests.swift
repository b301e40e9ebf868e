import Testing
@testable import MailMIME

/// Messages whose lines end in a bare CR (classic Mac OS mailers, some gateways): with no LF anywhere,
/// each CR ends a line, for headers, bodies, boundaries and embedded messages alike.
@Suite struct LineEndingTests {
    /// `text` with every "\n" written as a bare CR.
    static func crOnly(_ text: String) -> [UInt8] {
        Array(text.utf8).map { $0 == 10 ? 13 : $0 }
    }

    @Test func headersAndBody() {
        let m = MIMEParser().parse(Self.crOnly("Subject: hello\nFrom: A <a@x.org>\nTo: b@x.org\n\nline one\nline two\n"))
        #expect(m.subject == "hello")
        #expect(m.from.first?.address == "a@x.org")
        #expect(m.to.first?.address == "b@x.org")
        #expect(m.text == "line one\nline two\n")
        #expect(m.defectCodes == ["cr-line-endings"])
        #expect(m.defects.first?.part == nil)
    }

    static let multipart = """
        Subject: outer
        From: a@x.org
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Caf=E9 soft=
        break
        second line
        --b
        Content-Type: application/pdf; name=a.pdf
        Content-Transfer-Encoding: base64

        JVBERi0x
        LjQK
        --b
        Content-Type: message/rfc822

        Subject: inner
        Content-Type: multipart/alternative; boundary=c

        --c
        Content-Type: text/plain

        inner text
        --c--
        --b--

        """

    @Test func multipartBoundariesAndEmbeddedMessage() {
        let m = MIMEParser().parse(Self.crOnly(Self.multipart))
        #expect(m.subject == "outer")
        #expect(m.text == "Café softbreak\nsecond line")
        #expect(m.root.children.map(\.contentType) == ["text/plain", "application/pdf", "message/rfc822"])
        #expect(m.attachments.first?.data == Array("%PDF-1.4\n".utf8))
        let inner = m.root.children[2].children.first
        #expect(inner?.headers.first { $0.name == "Subject" }?.value == "inner")
        #expect(inner?.children.map(\.path) == ["3.1"])
        #expect(m.defectCodes == ["cr-line-endings"])
    }

    @Test func structureOnlyReadsTheSameTree() {
        var o = MIMEParserOptions()
        o.structureOnly = true
        let m = MIMEParser(options: o).parse(Self.crOnly(Self.multipart))
        #expect(m.subject == "outer")
        #expect(m.root.children.map(\.contentType) == ["text/plain", "application/pdf", "message/rfc822"])
        #expect(m.root.children[2].children.first?.children.count == 1)
    }

    @Test func embeddedBase64MessageDecidesOnItsOwn() {
        // The outer message has LF; the embedded one, once base64-decoded, has only CR.
        let inner = Self.crOnly("Subject: inner\n\ninner body\n")
        let m = parse("""
            Content-Type: message/rfc822
            Content-Transfer-Encoding: base64

            \(Base64Encoder.encode(inner))

            """)
        let embedded = m.root.children.first
        #expect(embedded?.headers.first { $0.name == "Subject" }?.value == "inner")
        #expect(m.defects.map { "\($0.code)@\($0.part ?? "-")" } == ["cr-line-endings@1"])
    }

    @Test func messagesWithLFKeepTodaysHandlingOfStrayCR() {
        let m = MIMEParser().parse(Array("Subject: a\rb\r\nX-Other: y\n\nbody\rmore\n".utf8))
        #expect(m.subject == "a\rb")
        #expect(m.header("X-Other") == "y")
        #expect(m.text == "body\nmore\n")
        #expect(m.defects.isEmpty)
    }
}
