/// Text of the IMAP commands sent through `CURLOPT_CUSTOMREQUEST` (libcurl adds tag and CRLF).
/// - SeeAlso: RFC 3501 §6, RFC 6851 §3.1 (UID MOVE), RFC 4315 §2.1 (UID EXPUNGE)
enum IMAPCommand {
    static let capability = "CAPABILITY"

    static func status(_ mailbox: String) -> String {
        "STATUS \(IMAPMailboxName.quoted(mailbox)) (MESSAGES UIDNEXT UIDVALIDITY)"
    }

    /// UIDs from `from` upwards; UID 0 does not exist, so the lower bound is at least 1.
    static func uidSearch(from: UInt32) -> String { "UID SEARCH UID \(max(from, 1)):*" }

    static func uidStoreAddFlags(_ set: String, _ flags: [String]) -> String {
        "UID STORE \(set) +FLAGS.SILENT (\(flags.joined(separator: " ")))"
    }

    static func uidMove(_ set: String, to mailbox: String) -> String { "UID MOVE \(set) \(IMAPMailboxName.quoted(mailbox))" }
    static func uidCopy(_ set: String, to mailbox: String) -> String { "UID COPY \(set) \(IMAPMailboxName.quoted(mailbox))" }
    static func uidExpunge(_ set: String) -> String { "UID EXPUNGE \(set)" }
    static let expunge = "EXPUNGE"
    static func create(_ mailbox: String) -> String { "CREATE \(IMAPMailboxName.quoted(mailbox))" }

    /// A flag is `\Atom` (system flag) or an atom (keyword): no atom-specials, CTLs, spaces or non-ASCII.
    /// - SeeAlso: RFC 3501 §9 (flag, atom, atom-specials)
    static func isValidFlag(_ flag: String) -> Bool {
        var bytes = Array(flag.utf8)[...]
        if bytes.first == UInt8(ascii: "\\") { bytes = bytes.dropFirst() }
        let specials = Array("(){ %*\"\\]".utf8)
        return !bytes.isEmpty && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && !specials.contains($0) }
    }
}
