@testable import MailTransport
import Testing

struct IMAPResponseParserTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: [
        ("* STATUS INBOX (MESSAGES 3 UIDNEXT 17 UIDVALIDITY 1700000000)\r\n",
         IMAPMailboxStatus(uidValidity: 1_700_000_000, uidNext: 17, messages: 3)),
        ("* 4 EXISTS\r\n* status \"Support (EU)\" (uidvalidity 4294967295 messages 0 uidnext 1)\r\n",
         IMAPMailboxStatus(uidValidity: 4_294_967_295, uidNext: 1, messages: 0)),
        ("* STATUS Processed (UIDNEXT 5 MESSAGES 4 UIDVALIDITY 9)\n",
         IMAPMailboxStatus(uidValidity: 9, uidNext: 5, messages: 4)),
    ])
    func parsesStatus(_ text: String, _ expected: IMAPMailboxStatus) {
        #expect(IMAPResponseParser.status(Self.bytes(text)) == expected)
    }

    @Test(arguments: [
        "",
        "* STATUS INBOX (MESSAGES 3 UIDNEXT 17)\r\n",
        "* STATUS INBOX (MESSAGES 3 UIDNEXT 17 UIDVALIDITY 4294967296)\r\n",
        "* LIST () \"/\" INBOX\r\n",
        "* STATUS INBOX MESSAGES 3 UIDNEXT 17 UIDVALIDITY 1\r\n",
    ])
    func rejectsIncompleteStatus(_ text: String) {
        #expect(IMAPResponseParser.status(Self.bytes(text)) == nil)
    }

    @Test(arguments: [
        ("* SEARCH\r\n", [UInt32]()),
        ("* SEARCH 5\r\n", [5]),
        ("* SEARCH 9 3 7\r\n", [9, 3, 7]),
        ("* 3 EXPUNGE\r\n* search 1 2\r\n* SEARCH 4\r\n", [1, 2, 4]),
        ("* SEARCH 4294967295 x 12\r\n", [4_294_967_295, 12]),
        ("* OK [UIDNEXT 9] SEARCH 5\r\n", []),
    ])
    func parsesSearch(_ text: String, _ expected: [UInt32]) {
        #expect(IMAPResponseParser.search(Self.bytes(text)) == expected)
    }

    static let capabilityCases: [(String, Set<String>)] = [
        ("* CAPABILITY IMAP4rev1 MOVE UIDPLUS idle\r\n", ["IMAP4REV1", "MOVE", "UIDPLUS", "IDLE"]),
        ("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] Dovecot ready.\r\n", ["IMAP4REV1", "SASL-IR", "AUTH=PLAIN"]),
        ("A1 OK [CAPABILITY IMAP4rev1 MOVE] Logged in\r\n", ["IMAP4REV1", "MOVE"]),
        ("* OK Dovecot ready.\r\n", []),
    ]

    @Test(arguments: capabilityCases)
    func parsesCapabilities(_ text: String, _ expected: Set<String>) {
        #expect(IMAPResponseParser.capabilities(ReplyLines.split(Self.bytes(text))) == expected)
    }

    @Test(arguments: [
        ("* OK ready\r\nA1 OK done\r\nA2 NO [ALREADYEXISTS] Mailbox already exists\r\n* BYE Logging out\r\nA3 OK bye\r\n",
         "A2 NO [ALREADYEXISTS] Mailbox already exists" as String?),
        ("A4 bad Error in IMAP command\r\n", "A4 bad Error in IMAP command"),
        ("* BYE Server shutting down\r\n", "* BYE Server shutting down"),
        ("* NO [ALERT] not tagged\r\nA1 OK fine\r\n", nil),
        ("", nil),
    ])
    func findsFailureLine(_ text: String, _ expected: String?) {
        #expect(IMAPResponseParser.failureLine(ReplyLines.split(Self.bytes(text))) == expected)
    }

    @Test(arguments: [
        ("A2 NO [ALREADYEXISTS] Mailbox already exists", true),
        ("A2 NO Mailbox already exists", true),
        ("A2 NO [CANNOT] Invalid mailbox name", false),
    ])
    func recognisesAlreadyExists(_ reply: String, _ expected: Bool) {
        #expect(IMAPResponseParser.isAlreadyExists(reply) == expected)
    }

    @Test func splitsLinesOnBytes() {
        let lines = ReplyLines.split(Self.bytes("a\r\n\r\nb\nc\r"))
        #expect(lines == [Self.bytes("a"), Self.bytes("b"), Self.bytes("c")])
        #expect(ReplyLines.text([[0x41, 0x00, 0x42]]) == "A?B")
    }
}
