import Testing
@testable import MailMIME

@Suite struct HeaderParserTests {
    @Test(arguments: [false, true])
    func unfoldsAndSplitsBody(crlf: Bool) {
        let m = parse("Subject: hello\n  folded\tworld\nX-A: 1\nX-A: 2\n\nbody line\n", crlf: crlf)
        #expect(m.subject == "hello  folded\tworld")
        #expect(m.headerValues("x-a") == ["1", "2"])
        #expect(m.header("X-A") == "1")
        #expect(m.text == "body line\n")
        #expect(m.defects.isEmpty)
    }

    @Test func rawValueKeepsUndecodedBytes() {
        let m = parse("Subject: =?utf-8?q?caf=C3=A9?=\n\nx")
        let f = m.headers.first { $0.name == "Subject" }!
        #expect(f.rawValue == Array("=?utf-8?q?caf=C3=A9?=".utf8))
        #expect(f.value == "café")
    }

    @Test func missingBodyAndMissingSeparator() {
        let m = parse("Subject: only headers\nFrom: a@b.c")
        #expect(m.subject == "only headers")
        #expect(m.from.first?.address == "a@b.c")
        #expect(m.text == "")
        let n = parse("Subject: s\nThis is the body without a blank line\nmore\n")
        #expect(n.subject == "s")
        #expect(n.text == "This is the body without a blank line\nmore\n")
        #expect(n.defectCodes.contains("header.missing-separator"))
    }

    @Test func brokenLinesBecomeDefects() {
        let m = parse(" From: a@b.c\nSubject: x\nContent-Type: text/plain;\ncharset=utf-8\nTo: d@e.f\n\nbody")
        #expect(m.from.first?.address == "a@b.c")
        #expect(m.defectCodes.contains("header.leading-whitespace"))
        #expect(m.defectCodes.contains("header.bad-wrap"))
        #expect(m.root.charset == "utf-8")
        #expect(m.to.first?.address == "d@e.f")
    }

    /// RFC 5322 §2.2: only a line starting with white space continues a field. A line without a colon
    /// ends the header block and starts the body, even when the next line looks like a field.
    @Test(arguments: [false, true])
    func lineWithoutColonStartsTheBody(crlf: Bool) {
        let m = parse("Subject: s\nFrom: a@b.c\nHello team,\nNote: the server is down.\n\nThanks\n", crlf: crlf)
        #expect(m.subject == "s")
        #expect(m.header("Note") == nil)
        #expect(m.text == "Hello team,\nNote: the server is down.\n\nThanks\n")
        #expect(m.defectCodes == ["header.missing-separator"])
        // Not even a wrapped "name=value" saves a field that does not end in ";".
        let n = parse("Content-Type: text/plain\ncharset=utf-8\nTo: d@e.f\n\nbody", crlf: crlf)
        #expect(n.root.charset == nil)
        #expect(n.to.isEmpty)
        #expect(n.text == "charset=utf-8\nTo: d@e.f\n\nbody")
        #expect(n.defectCodes == ["header.missing-separator"])
    }

    @Test func obsoleteSpaceBeforeColonAndMboxLine() {
        let m = parse("From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nSubject : spaced\n\nb")
        #expect(m.subject == "spaced")
        #expect(m.defects.isEmpty)
    }

    @Test func eightBitHeaders() {
        var bytes = Array("Subject: caf".utf8) + [0xC3, 0xA9] + Array("\nX-Latin: caf".utf8) + [0xE9]
        bytes += Array("\n\nbody".utf8)
        let m = MIMEParser().parse(bytes)
        #expect(m.subject == "café")
        #expect(m.header("x-latin") == "café")
        #expect(m.defectCodes == ["header.8bit"])
    }

    @Test func headerLimit() {
        var o = MIMEParserOptions()
        o.maxHeaders = 3
        let text = (1...10).map { "X-H\($0): v" }.joined(separator: "\n") + "\n\nbody"
        let m = MIMEParser(options: o).parse(Array(text.utf8))
        #expect(m.headers.count == 3)
        #expect(m.defectCodes.contains("limit.headers"))
        #expect(m.text == "body")
    }
}
