import Testing
@testable import MailMIME

@Suite struct MultipartTests {
    static let nested = """
    From: A <a@x.org>
    Subject: nested
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="outer"

    This is the preamble.
    --outer
    Content-Type: multipart/alternative; boundary=inner

    --inner
    Content-Type: text/plain; charset=iso-8859-1
    Content-Transfer-Encoding: quoted-printable

    Caf=E9 plain
    --inner
    Content-Type: text/html; charset=utf-8

    <p>Caf\u{e9} <b>html</b></p>
    --inner--
    --outer\t\u{20}
    Content-Type: image/png
    Content-ID: <logo@x>
    Content-Transfer-Encoding: base64

    iVBORw0KGgo=
    --outer
    Content-Type: application/pdf; name="doc.pdf"
    Content-Disposition: attachment
    Content-Transfer-Encoding: base64

    JVBERi0xLjQK
    --outer--
    This is the epilogue.
    """

    @Test(arguments: [false, true])
    func nestedAlternativeWithAttachments(crlf: Bool) {
        let m = parse(Self.nested, crlf: crlf)
        #expect(m.defects.isEmpty)
        #expect(m.text == "Café plain")
        #expect(m.html == "<p>Café <b>html</b></p>")
        #expect(m.root.path == "")
        #expect(m.root.children.map(\.path) == ["1", "2", "3"])
        #expect(m.root.children[0].children.map(\.contentType) == ["text/plain", "text/html"])
        #expect(m.root.children[0].children.map(\.path) == ["1.1", "1.2"])
        #expect(m.attachments.count == 2)
        let img = m.attachments[0]
        #expect(img.contentType == "image/png")
        #expect(img.contentID == "logo@x")
        #expect(img.disposition == nil)
        #expect(img.data == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(img.sha256 == "4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6")
        let pdf = m.attachments[1]
        #expect(pdf.filename == "doc.pdf")
        #expect(pdf.size == 9)
        #expect(pdf.partPath == "3")
        #expect(m.root.children[2].decodedSize == 9)
    }

    @Test func htmlOnlyUsesHTMLText() {
        let m = parse("Content-Type: text/html\n\n<html><head><title>T</title></head><body><p>Hello</p><p>World</p></body></html>")
        #expect(m.text == "Hello\n\nWorld")
        #expect(m.html != nil)
    }

    @Test func missingFinalBoundaryAndMissingBoundaryParam() {
        let m = parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\nsecond\n")
        #expect(m.root.children.count == 2)
        #expect(m.text == "first")  // the first inline text part is the text; "second" stays a part
        #expect(m.root.children.count == 2)
        #expect(m.defectCodes == ["multipart.missing-final-boundary"])
        let n = parse("Content-Type: multipart/report;\n\nI'm a multipart without boundary\n")
        #expect(n.root.contentType == "text/plain")
        #expect(n.text == "I'm a multipart without boundary\n")
        #expect(n.defectCodes == ["multipart.no-boundary"])
        let o = parse("Content-Type: multipart/mixed; boundary=zzz\n\nno delimiter at all\n")
        #expect(o.text == "no delimiter at all\n")
        #expect(o.defectCodes == ["multipart.boundary-not-found"])
    }

    @Test func boundaryPrefixIsNotADelimiter() {
        let m = parse("Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\none\n--abc\nstill one\n--ab--\n")
        #expect(m.root.children.count == 1)
        #expect(m.text == "one\n--abc\nstill one")
    }

    @Test func embeddedMessage() {
        let m = parse("""
        Subject: outer
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        see attached
        --b
        Content-Type: message/rfc822

        Subject: inner
        From: In <in@x.org>
        Content-Type: multipart/mixed; boundary=c

        --c

        inner text
        --c
        Content-Type: application/zip; name=z.zip

        PK
        --c--
        --b--
        """)
        #expect(m.subject == "outer")
        #expect(m.text == "see attached")
        let msgPart = m.root.children[1]
        #expect(msgPart.contentType == "message/rfc822")
        #expect(msgPart.children.count == 1)
        let inner = msgPart.children[0]
        #expect(inner.headers.first { $0.name == "Subject" }?.value == "inner")
        #expect(inner.children.map(\.path) == ["2.1", "2.2"])
        #expect(m.attachments.map(\.contentType) == ["message/rfc822"])
        #expect(m.defects.isEmpty)
    }

    @Test func digestDefaultsToMessage() {
        let m = parse("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d--\n")
        #expect(m.root.children.first?.contentType == "message/rfc822")
    }

    @Test func limits() {
        var deep = ""
        for i in 0..<100 { deep += "Content-Type: multipart/mixed; boundary=b\(i)\n\n--b\(i)\n" }
        deep += "\nleaf\n"
        let m = parse(deep)
        #expect(m.defectCodes.contains("limit.depth"))
        var o = MIMEParserOptions()
        o.maxParts = 5
        let many = "Content-Type: multipart/mixed; boundary=b\n\n" + String(repeating: "--b\n\nx\n", count: 50) + "--b--\n"
        let n = MIMEParser(options: o).parse(Array(many.utf8))
        #expect(n.root.children.count == 5)
        #expect(n.defectCodes.contains("limit.parts"))
    }

    @Test func flowedText() {
        let m = parse("Content-Type: text/plain; format=flowed\n\nThis is \nflowed.\n> quoted \n> more\n-- \nsig\n")
        #expect(m.text == "This is flowed.\n> quoted more\n-- \nsig\n")
    }
}
