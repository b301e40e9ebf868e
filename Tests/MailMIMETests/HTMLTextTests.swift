import Testing
@testable import MailMIME

@Suite struct HTMLTextTests {
    @Test func structure() {
        let html = """
        <html><head><style>p{color:red}</style><script>alert(1)</script></head>
        <body><h1>Title</h1><p>First   paragraph
        wraps.</p><div>Line one<br>Line two</div>
        <ul><li>apple</li><li>pear</li></ul>
        <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
        <p>See <a href="https://example.com/x">the site</a> or <a href="https://example.com">https://example.com</a>
        &amp; write <a href="mailto:s@x.org">s@x.org</a>.</p></body></html>
        """
        let t = HTMLText.text(fromHTML: html)
        #expect(!t.contains("alert"))
        #expect(!t.contains("color"))
        #expect(t.contains("Title\n\nFirst paragraph wraps.\n\nLine one\nLine two"))
        #expect(t.contains("- apple\n- pear"))
        #expect(t.contains("a\tb"))
        #expect(t.contains("c\td"))
        #expect(t.contains("the site <https://example.com/x>"))
        #expect(t.contains("or https://example.com & write s@x.org."))
    }

    @Test func brokenHTMLNeverCrashes() {
        for s in ["", "<", "<<<>>>", "<p><b><i>unclosed", "&#xFFFFFFFF; &bogus;", String(repeating: "<div>", count: 3000)] {
            _ = HTMLText.text(fromHTML: s)
        }
        #expect(HTMLText.text(fromHTML: "<p>unclosed <b>bold") == "unclosed bold")
    }
}

@Suite struct HTMLCharsetTests {
    @Test func metaCharsetUsedWhenPartHasNone() {
        #expect(HTMLText.declaredCharset(Array("<meta charset=\"ISO-8859-2\">".utf8)) == "iso-8859-2")
        #expect(HTMLText.declaredCharset(Array("<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>".utf8)) == "koi8-r")
        #expect(HTMLText.declaredCharset(Array("<p>none</p>".utf8)) == nil)
        let body: [UInt8] = Array("Content-Type: text/html\n\n<meta charset=\"koi8-r\"><p>".utf8) + [0xF0, 0xD2, 0xC9] + Array("</p>".utf8)
        let m = MIMEParser().parse(body)
        #expect(m.text == "При")
        #expect(m.defects.isEmpty)
    }
}
