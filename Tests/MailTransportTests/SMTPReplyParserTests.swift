@testable import MailTransport
import Testing

struct SMTPReplyParserTests {
    static func lines(_ text: String) -> [[UInt8]] { ReplyLines.split(Array(text.utf8)) }

    @Test func groupsMultilineReplies() {
        let replies = SMTPReplyParser.replies(Self.lines(
            "220 mx ESMTP\r\n250-mx\r\n250-SIZE 1000\r\n250 STARTTLS\r\n354 go ahead\r\n250 2.0.0 Ok: queued as ABC\r\n"))
        #expect(replies == [
            SMTPReply(code: 220, text: "mx ESMTP"),
            SMTPReply(code: 250, text: "mx\nSIZE 1000\nSTARTTLS"),
            SMTPReply(code: 354, text: "go ahead"),
            SMTPReply(code: 250, text: "2.0.0 Ok: queued as ABC"),
        ])
        #expect(replies[1].lines == "250 mx\n250 SIZE 1000\n250 STARTTLS")
    }

    @Test(arguments: [
        ("250 Ok\r\n550 5.1.1 <x@y>: Recipient address rejected\r\n221 2.0.0 Bye\r\n",
         SMTPReply(code: 550, text: "5.1.1 <x@y>: Recipient address rejected") as SMTPReply?),
        ("250 Ok\r\n451-4.3.0 try\r\n451 4.3.0 later\r\n", SMTPReply(code: 451, text: "4.3.0 try\n4.3.0 later")),
        ("220 hi\r\n250 Ok\r\n221 Bye\r\n", nil),
        ("", nil),
    ])
    func findsLastFailure(_ text: String, _ expected: SMTPReply?) {
        #expect(SMTPReplyParser.lastFailure(Self.lines(text)) == expected)
    }

    @Test(arguments: [
        ("250 Ok\r\n354 End data\r\n250 2.0.0 Ok: queued as 4F\r\n221 2.0.0 Bye\r\n",
         SMTPReply(code: 250, text: "2.0.0 Ok: queued as 4F") as SMTPReply?),
        ("221 Bye\r\n", nil),
    ])
    func findsAcceptance(_ text: String, _ expected: SMTPReply?) {
        #expect(SMTPReplyParser.lastAcceptance(Self.lines(text)) == expected)
    }

    @Test(arguments: ["", "12", "abc text", "650 nope", "25x nope", "250_nope"])
    func ignoresNonReplyLines(_ text: String) {
        #expect(SMTPReplyParser.replies(Self.lines(text)).isEmpty)
    }

    @Test(arguments: [
        ("maildesk.test", true), ("mx-1.example.com", true), ("[127.0.0.1]", true), ("[IPv6:::1]", true),
        ("", false), ("bad name", false), ("evil\r\nRCPT", false), ("a/b", false), ("[x]y", false),
    ])
    func validatesHeloNames(_ name: String, _ valid: Bool) {
        #expect(SMTPConnection.isValidHeloName(name) == valid)
    }

    @Test(arguments: [
        ("a@example.com", false, true), ("", true, true), ("", false, false), ("no-at-sign", false, false),
        ("a@b\r\nRCPT TO:<c@d>", false, false), ("<a@b>", false, false), ("\"x y\"@example.com", false, true),
    ])
    func validatesEnvelopeAddresses(_ address: String, _ allowEmpty: Bool, _ valid: Bool) {
        #expect(SMTPConnection.isValidAddress(address, allowEmpty: allowEmpty) == valid)
    }
}
