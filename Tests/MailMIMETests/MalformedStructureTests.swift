import Testing
@testable import MailMIME

/// A Content-Type without a valid "type/subtype" is read as text/plain and its text shown
/// (RFC 2045 §5.2), wherever the part sits.
@Suite struct InvalidContentTypeTests {
    @Test func textWithoutSubtypeKeepsItsParameters() {
        let m = parse("Content-Type: text; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9\n")
        #expect(m.root.contentType == "text/plain")
        #expect(m.text == "café\n")
        #expect(m.defectCodes == ["content-type.invalid"])
    }

    @Test func invalidTypesInADigestAreTextNotMessages() {
        // A digest's default type is message/rfc822 (RFC 2046 §5.1.5), but only for parts without a
        // Content-Type; an unusable one means text/plain.
        let m = parse("""
            Content-Type: multipart/digest; boundary=d

            --d
            Content-Type: text/

            first text
            --d
            Content-Type: text/ plain

            second text
            --d

            Subject: a real digest entry

            entry
            --d--

            """)
        #expect(m.root.children.map(\.contentType) == ["text/plain", "text/plain", "message/rfc822"])
        #expect(m.text == "first text")
        #expect(m.defectCodes == ["content-type.invalid", "content-type.invalid"])
        #expect(m.defects.first?.detail.contains("text/plain") == true)
    }
}

/// Nested multiparts that reuse an enclosing boundary (RFC 2046 §5.1.1 forbids it; mailers do it) and
/// multiparts whose boundary never occurs.
@Suite struct BoundaryRecoveryTests {
    static let reused = """
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain

        plain
        --b
        Content-Type: text/html

        <p>html</p>
        --b--
        --b
        Content-Type: application/pdf; name=a.pdf

        pdf
        --b--

        """

    @Test(arguments: [false, true])
    func nestedMultipartReusingTheBoundaryTakesTheFollowingParts(crlf: Bool) {
        let m = parse(Self.reused, crlf: crlf)
        #expect(m.root.children.map(\.contentType) == ["multipart/alternative", "application/pdf"])
        #expect(m.root.children[0].children.map(\.path) == ["1.1", "1.2"])
        #expect(m.text == "plain")
        #expect(m.html == "<p>html</p>")
        #expect(m.attachments.map(\.filename) == ["a.pdf"])
        #expect(m.defects.map { "\($0.code)@\($0.part ?? "-")" } == ["multipart.boundary-reused@1"])
    }

    @Test func unclosedChainsNest() {
        // Each multipart reusing "1" takes the rest, as mail-parser reads it (corpus malformed/013.eml).
        let m = parse("""
            Content-Type: multipart/mixed; boundary=1

            --1
            Content-Type: text/plain

            one
            --1
            Content-Type: multipart/mixed; boundary=1

            --1
            Content-Type: text/plain

            two
            --1
            Content-Type: application/zip; name=z.zip

            PK
            """)
        #expect(m.root.children.map(\.contentType) == ["text/plain", "multipart/mixed"])
        #expect(m.root.children[1].children.map(\.path) == ["2.1", "2.2"])
        #expect(m.text == "one")
        #expect(m.attachments.map(\.filename) == ["z.zip"])
        #expect(m.defectCodes.contains("multipart.boundary-reused"))
    }

    @Test func lostFirstDelimiterReadsTheBodyAsThePart() {
        let m = parse("""
            Subject: s
            Content-Type: multipart/mixed; boundary="lost"

            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Caf=E9 au lait
            """)
        #expect(m.text == "Café au lait")
        #expect(m.root.contentType == "multipart/mixed")
        #expect(m.root.children.map(\.path) == ["1"])
        #expect(m.defectCodes == ["multipart.boundary-not-found"])
    }

    @Test func bodyWithoutDelimiterOrPartHeadersIsText() {
        let m = parse("Content-Type: multipart/alternative; boundary=zzz\nContent-Transfer-Encoding: base64\n\naGVsbG8gdGhlcmU=\n")
        #expect(m.text == "hello there")
        #expect(m.defectCodes == ["multipart.boundary-not-found"])
    }
}
