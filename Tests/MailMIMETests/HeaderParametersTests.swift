import Testing
@testable import MailMIME

@Suite struct HeaderParametersTests {
    @Test func quotedAndUnquoted() {
        let p = HeaderParameters("Text/Plain; charset=\"UTF-8\"; format=flowed ; name=\"a \\\"b\\\".txt\"")
        #expect(p.value == "text/plain")
        #expect(p.parameters["charset"] == "UTF-8")
        #expect(p.parameters["format"] == "flowed")
        #expect(p.parameters["name"] == "a \"b\".txt")
    }

    @Test func rfc2231ContinuationsAndCharset() {
        let p = HeaderParameters("attachment; filename*0*=utf-8'de'Gr%C3%BC; filename*1=\"sse \"; filename*2*=%E2%9C%93.txt")
        #expect(p.value == "attachment")
        #expect(p.parameters["filename"] == "Grüsse ✓.txt")
        let q = HeaderParameters("attachment; filename*=iso-8859-1''caf%E9.pdf")
        #expect(q.parameters["filename"] == "café.pdf")
        let r = HeaderParameters("application/x-stuff; title*1=\"two\"; title*0=\"one \"")
        #expect(r.parameters["title"] == "one two")
    }

    @Test func encodedWordsInsideValuesAndJunk() {
        let p = HeaderParameters("application/pdf; name=\"=?utf-8?B?w6TDtsO8LnBkZg==?=\"")
        #expect(p.parameters["name"] == "äöü.pdf")
        let q = HeaderParameters("text/plain; name=my file.txt; junk; charset=us-ascii")
        #expect(q.parameters["name"] == "my file.txt")
        #expect(q.parameters["charset"] == "us-ascii")
        #expect(q.defects.contains("parameter.malformed"))
        let r = HeaderParameters("multipart/mixed; boundary=\"unterminated")
        #expect(r.parameters["boundary"] == "unterminated")
    }

    @Test func filenamePreference() {
        let m = parse("""
        Content-Type: application/pdf; name="from-type.pdf"
        Content-Disposition: attachment; filename="from-disposition.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0=
        """)
        #expect(m.attachments.first?.filename == "from-disposition.pdf")
        let n = parse("Content-Type: application/pdf; name=\"only-type.pdf\"\n\nx")
        #expect(n.attachments.first?.filename == "only-type.pdf")
    }
}
