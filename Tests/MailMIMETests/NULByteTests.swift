import Testing
@testable import MailMIME

/// NUL in mail (RFC 5322 §4.1 obsolete syntax; not allowed in 7bit/8bit data, RFC 2045 §2.7–2.8) must not
/// reach decoded text: C-string consumers (SQLite text binding, libxml2) stop at it and cut the rest.
/// Each NUL becomes U+FFFD and a `nul-byte` defect says where.
@Suite struct NULByteTests {
    static let r = "\u{FFFD}"

    /// Bytes of `text` with every "~" turned into a NUL (the test sources stay readable).
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8).map { $0 == UInt8(ascii: "~") ? 0 : $0 }
    }

    static func parse(_ text: String) -> ParsedMessage { MIMEParser().parse(bytes(text)) }

    static func nulDefects(_ m: ParsedMessage) -> [String] {
        m.defects.filter { $0.code == "nul-byte" }.map { "\($0.part ?? "-") \($0.detail)" }
    }

    @Test func rawHeadersAddressesAndBody() {
        let m = Self.parse("Subject: before~after\nFrom: Jo~Ann <jo~ann@x.org>\nTo: b~c@x.org\n\nline one~line two\n")
        #expect(m.subject == "before\(Self.r)after")
        #expect(m.from == [MailAddress(name: "Jo\(Self.r)Ann", address: "jo\(Self.r)ann@x.org")])
        #expect(m.to.first?.address == "b\(Self.r)c@x.org")
        #expect(m.text == "line one\(Self.r)line two\n")
        #expect(m.header("From") == "Jo\(Self.r)Ann <jo\(Self.r)ann@x.org>")
        #expect(m.headers.first { $0.name == "Subject" }?.rawValue.contains(0) == true)  // the raw bytes stay
        #expect(Self.nulDefects(m).count == 4)
        #expect(Self.nulDefects(m).contains { $0.contains("Subject") })
        #expect(Self.nulDefects(m).contains { $0.contains("body") })
    }

    @Test func rawEightBitHeader() {
        // windows-1252 "café", a NUL, then "x": decoded first, then the NUL replaced (not the other way round).
        let m = MIMEParser().parse(Array("X-Latin: caf".utf8) + [0xE9, 0] + Array("x\n\nbody".utf8))
        #expect(m.header("X-Latin") == "café\(Self.r)x")
        #expect(Set(m.defectCodes) == ["header.8bit", "nul-byte"])
    }

    @Test func encodedWordsDecodingToNUL() {
        let m = Self.parse("Subject: =?utf-8?q?a=00b?= =?iso-8859-1?b?YwBk?=\nFrom: =?utf-8?q?N=00M?= <n@x.org>\n\nx")
        #expect(m.subject == "a\(Self.r)bc\(Self.r)d")
        #expect(m.from.first?.name == "N\(Self.r)M")
        #expect(Self.nulDefects(m).count == 2)
    }

    @Test func transferEncodedBodies() {
        let qp = Self.parse("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nkeep=00this\n")
        #expect(qp.text == "keep\(Self.r)this\n")
        // "keep\0this" in base64.
        let b64 = Self.parse("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\na2VlcAB0aGlz\n")
        #expect(b64.text == "keep\(Self.r)this")
        #expect(Self.nulDefects(b64) == ["1 NUL in the text/plain body replaced by U+FFFD"])
    }

    @Test func charsetsThroughIconv() {
        // "a\0b" in UTF-16LE and a Latin-2 body with =00: both go through iconv.
        let utf16 = Self.parse("Content-Type: text/plain; charset=utf-16le\nContent-Transfer-Encoding: base64\n\nYQAAAGIA\n")
        #expect(utf16.text == "a\(Self.r)b")
        let latin2 = Self.parse("Content-Type: text/plain; charset=iso-8859-2\nContent-Transfer-Encoding: quoted-printable\n\n=B1=00=B1")
        #expect(latin2.text == "ą\(Self.r)ą")
        #expect(Self.nulDefects(latin2).count == 1)
    }

    @Test func htmlBodyThroughLibxml2() {
        let m = Self.parse("Content-Type: text/html\n\n<p>first~second</p><p>third</p>")
        #expect(m.html == "<p>first\(Self.r)second</p><p>third</p>")
        #expect(m.text == "first\(Self.r)second\n\nthird")
        #expect(HTMLText.text(fromHTML: "<b>x\u{0}y</b> z") == "x\(Self.r)y z")
        #expect(Self.nulDefects(m) == ["1 NUL in the text/html body replaced by U+FFFD"])
    }

    @Test func attachmentNames() {
        let m = Self.parse("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: application/pdf; name="raw~name.pdf"

            x
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename*=utf-8''pct%00name.pdf

            x
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="=?utf-8?q?word=00name.pdf?="

            x
            --b--

            """)
        #expect(m.attachments.map(\.filename) == ["raw\(Self.r)name.pdf", "pct\(Self.r)name.pdf", "word\(Self.r)name.pdf"])
        #expect(m.root.children.map(\.filename) == m.attachments.map(\.filename))
        #expect(Self.nulDefects(m).map { $0.prefix(2) } == ["1 ", "2 ", "3 "])
    }

    @Test func noDefectWithoutNUL() {
        let m = Self.parse("Subject: plain\nContent-Type: text/html\n\n<p>fine</p>")
        #expect(Self.nulDefects(m).isEmpty)
        #expect(NULBytes.replaced("no nul") == ("no nul", false))
    }
}
