import Foundation
import Testing
@testable import MailMIME

@Suite struct MessageIDTests {
    @Test(arguments: [
        ("<a@b>", ["a@b"]),
        ("  <a@b> <c@d>\n\t<e@f>", ["a@b", "c@d", "e@f"]),
        ("<a@b> (comment) junk \"phrase\" <c@d>", ["a@b", "c@d"]),
        ("Your message of Mon <a@b>", ["a@b"]),
        ("a@b", ["a@b"]),
        ("<a@b", ["a@b"]),
        ("<>", []),
        ("", []),
    ])
    func extracts(input: String, expected: [String]) {
        #expect(MessageIDParser.ids(input) == expected)
    }

    @Test func inMessage() {
        let m = parse("Message-ID: <x1@h>\nIn-Reply-To: <p@h> (added)\nReferences: <r1@h>\n <r2@h>\n\n")
        #expect(m.messageID == "x1@h")
        #expect(m.inReplyTo == ["p@h"])
        #expect(m.references == ["r1@h", "r2@h"])
    }
}

@Suite struct DateParserTests {
    private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Double {
        Double(DateParser.daysFromCivil(year: y, month: mo, day: d) * 86400 + h * 3600 + mi * 60 + s)
    }

    @Test func rfc5322AndObsoleteForms() {
        let base = utc(2003, 7, 1, 10, 52, 37)
        #expect(DateParser.parse("Tue, 1 Jul 2003 10:52:37 +0200") == base - 7200)
        #expect(DateParser.parse("1 Jul 2003 10:52:37 +0200") == base - 7200)
        #expect(DateParser.parse("Tue, 01 Jul 03 10:52:37 GMT") == base)
        #expect(DateParser.parse("Tue, 1 Jul 2003 10:52:37 UT") == base)
        #expect(DateParser.parse("Tue, 1 Jul 2003 05:52:37 EST") == base)
        #expect(DateParser.parse("Tue, 1 Jul 2003 03:52:37 PDT") == base)
        #expect(DateParser.parse("Tue, 1 Jul 2003 10:52 +0000") == base - 37)
        #expect(DateParser.parse("Tue,  1 Jul 2003 10:52:37 -0000 (UTC) extra garbage") == base)
        #expect(DateParser.parse("Tue Jul  1 10:52:37 2003") == base)
        #expect(DateParser.parse("1 Jul 99 00:00:00 +0000") == utc(1999, 7, 1, 0, 0, 0))
        #expect(DateParser.parse("1 Jul 103 00:00:00 +0000") == utc(2003, 7, 1, 0, 0, 0))
        #expect(DateParser.parse("Thu, 18 Oct 2012 22:48:39 -0700") == utc(2012, 10, 19, 5, 48, 39))
        #expect(DateParser.parse("Sat, 31 Dec 2016 23:59:60 +0000") == utc(2016, 12, 31, 23, 59, 59))
    }

    @Test(arguments: ["", "garbage", "31 Feb 2020 10:00:00 +0000", "1 Foo 2020 10:00", "1 Jan 2020",
                      "1 Jan 2020 25:00:00", String(repeating: "Mon, 1 Jan 2020 10:00:00 ", count: 30)])
    func invalidGivesNil(input: String) {
        #expect(DateParser.parse(input) == nil)
    }

    @Test func messageDateAndDefect() {
        let ok = parse("Date: Thu, 1 Jan 1970 00:01:00 +0000\n\n")
        #expect(ok.date == Date(timeIntervalSince1970: 60))
        #expect(ok.dateRaw == "Thu, 1 Jan 1970 00:01:00 +0000")
        let bad = parse("Date: someday soon\n\n")
        #expect(bad.date == nil)
        #expect(bad.dateRaw == "someday soon")
        #expect(bad.defectCodes == ["date.invalid"])
    }
}

@Suite struct DateParserGarbageTests {
    @Test func brokenTimeTokenIsNotHalfUsed() {
        #expect(DateParser.parse("Tue, 7 Apr 2026 10:00:t <x@y>") == nil)
    }
}
