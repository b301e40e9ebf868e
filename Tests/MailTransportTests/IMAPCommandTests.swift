@testable import MailTransport
import Testing

struct IMAPCommandTests {
    /// - SeeAlso: RFC 3501 §5.1.3 example
    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("Processed", "Processed"),
        ("Sales & Support", "Sales &- Support"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("Grüße", "Gr&APwA3w-e"),
        ("😀", "&2D3eAA-"),
    ])
    func encodesModifiedUTF7(_ name: String, _ encoded: String) {
        #expect(IMAPMailboxName.encode(name) == encoded)
    }

    @Test(arguments: [
        ("INBOX", "\"INBOX\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
    ])
    func quotesMailboxNames(_ name: String, _ quoted: String) {
        #expect(IMAPMailboxName.quoted(name) == quoted)
    }

    @Test(arguments: [
        ("\\Seen", true), ("\\Deleted", true), ("$maildesk", true), ("Junk", true),
        ("", false), ("\\", false), ("two words", false), ("a(b", false), ("x\r\nA1 LOGOUT", false),
        ("quo\"te", false), ("wild*", false), ("ümlaut", false), ("a]", false),
    ])
    func validatesFlags(_ flag: String, _ valid: Bool) {
        #expect(IMAPCommand.isValidFlag(flag) == valid)
    }

    @Test func buildsCommands() {
        #expect(IMAPCommand.status("INBOX") == "STATUS \"INBOX\" (MESSAGES UIDNEXT UIDVALIDITY)")
        #expect(IMAPCommand.uidSearch(from: 0) == "UID SEARCH UID 1:*")
        #expect(IMAPCommand.uidSearch(from: 42) == "UID SEARCH UID 42:*")
        #expect(IMAPCommand.uidStoreAddFlags("1:3,5", ["\\Seen", "$maildesk"]) == "UID STORE 1:3,5 +FLAGS.SILENT (\\Seen $maildesk)")
        #expect(IMAPCommand.uidMove("4", to: "Processed") == "UID MOVE 4 \"Processed\"")
        #expect(IMAPCommand.uidCopy("4", to: "Büro") == "UID COPY 4 \"B&APw-ro\"")
        #expect(IMAPCommand.uidExpunge("1:2") == "UID EXPUNGE 1:2")
        #expect(IMAPCommand.create("Processed") == "CREATE \"Processed\"")
    }
}
