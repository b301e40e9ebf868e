import Testing
@testable import MailMIME

@Suite struct CIDLinkTests {
    static let related = """
        From: a@example.test
        Subject: cid
        MIME-Version: 1.0
        Content-Type: multipart/related; boundary=r

        --r
        Content-Type: text/html; charset=utf-8

        <p><img src="cid:one@x.test"><img src='CID:Two%40x.test'></p><div style="background:url(cid:three@x.test)">
        --r
        Content-Type: image/png
        Content-ID: <one@x.test>
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --r
        Content-Type: image/png
        Content-ID: <two@x.test>
        Content-Disposition: attachment; filename=two.png

        x
        --r
        Content-Type: image/gif
        Content-ID: <three@x.test>

        y
        --r
        Content-Type: image/gif
        Content-ID: <unused@x.test>

        z
        --r--

        """

    @Test(arguments: [false, true])
    func referencedImagesAreLinkedAndInline(crlf: Bool) {
        let msg = parse(Self.related, crlf: crlf)
        #expect(msg.attachments.map(\.contentID) == ["one@x.test", "two@x.test", "three@x.test", "unused@x.test"])
        #expect(msg.attachments.map(\.referencedFromHTML) == [true, true, true, false])
        // No Content-Disposition + referenced → inline; an explicit disposition is kept.
        #expect(msg.attachments.map(\.disposition) == ["inline", "attachment", "inline", nil])
    }

    @Test func scanIgnoresWordsEndingInCid() {
        var ids = Set<String>()
        CIDReferences.scan(Array("acid:no <img src=\"cid:yes&amp;more\"> cid:".utf8)[...], into: &ids)
        #expect(ids == ["yes&more"])
    }

    @Test func plainTextCidIsNotAReference() {
        let msg = parse("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            see cid:pic@x.test
            --m
            Content-Type: image/png
            Content-ID: <pic@x.test>

            x
            --m--

            """)
        #expect(msg.attachments.first?.referencedFromHTML == false)
        #expect(msg.attachments.first?.disposition == nil)
    }

    @Test func lineBreaksOfSevenBitPartsAreCanonicalCRLF() {
        let text = """
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/csv; name=a.csv

            a,b
            1,2
            --m
            Content-Type: text/plain; name=b.txt
            Content-Transfer-Encoding: quoted-printable

            x=3D1
            y
            --m--

            """
        let lf = parse(text), crlf = parse(text, crlf: true)
        #expect(lf.attachments.map(\.size) == [8, 6])
        #expect(lf.attachments.map(\.data) == crlf.attachments.map(\.data))
        #expect(lf.attachments.first?.data == Array("a,b\r\n1,2".utf8))
    }
}
