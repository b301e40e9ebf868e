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
