import Logging

extension IMAPConnection {
    /// Moves messages from the configured mailbox to `mailbox`: `UID MOVE` when the server
    /// announces MOVE, otherwise `UID COPY`, `+FLAGS (\Deleted)` and `UID EXPUNGE`
    /// (plain `EXPUNGE` without UIDPLUS, which also removes other `\Deleted` messages).
    /// - SeeAlso: RFC 6851 §3.1 (MOVE), RFC 4315 §2.1 (UID EXPUNGE), RFC 3501 §6.4.7 (COPY)
    public func move(uids: [UInt32], to mailbox: String) throws(TransportError) {
        try move(uids: uids, to: mailbox, strategy: .automatic)
    }

    /// How to move: `UID MOVE` when the server has MOVE (RFC 6851), else COPY + `\Deleted` + expunge.
    /// `.copyDeleteExpunge` forces the fallback (servers without MOVE; tests run it against Dovecot).
    public enum MoveStrategy: Sendable { case automatic, copyDeleteExpunge }

    public func move(uids: [UInt32], to mailbox: String, strategy: MoveStrategy) throws(TransportError) {
        guard !uids.isEmpty else { return }
        let capabilities = try capabilities()
        let source = mailboxURL(self.mailbox)
        for set in UIDRanges.compress(uids) {
            if capabilities.contains("MOVE"), strategy == .automatic {
                _ = try run(source, IMAPCommand.uidMove(set, to: mailbox), "UID MOVE to \(mailbox)")
            } else {
                _ = try run(source, IMAPCommand.uidCopy(set, to: mailbox), "UID COPY to \(mailbox)")
                _ = try run(source, IMAPCommand.uidStoreAddFlags(set, ["\\Deleted"]), "UID STORE \\Deleted")
                let expunge = capabilities.contains("UIDPLUS") ? IMAPCommand.uidExpunge(set) : IMAPCommand.expunge
                _ = try run(source, expunge, "EXPUNGE")
            }
        }
        logger.debug("IMAP moved", metadata: [
            "imap.mailbox": "\(self.mailbox)", "imap.target": "\(mailbox)", "imap.count": "\(uids.count)",
        ])
    }

    /// Appends a raw message (CRLF line ends expected) with libcurl's upload APPEND.
    /// libcurl sends `APPEND mailbox (\Seen) {size}`, so appended messages carry `\Seen`.
    /// - SeeAlso: RFC 3501 §6.3.11
    public func append(_ message: [UInt8], to mailbox: String? = nil) throws(TransportError) {
        let target = mailbox ?? self.mailbox
        _ = try run(mailboxURL(target), nil, "APPEND to \(target)", upload: message)
        logger.debug("IMAP appended", metadata: ["imap.mailbox": "\(target)", "imap.bytes": "\(message.count)"])
    }

    /// Creates a mailbox; one that exists already is fine.
    /// - SeeAlso: RFC 3501 §6.3.3, RFC 5530 §3 (ALREADYEXISTS)
    public func createMailbox(_ name: String) throws(TransportError) {
        do {
            _ = try run(rootURL, IMAPCommand.create(name), "CREATE \(name)")
            logger.debug("IMAP mailbox created", metadata: ["imap.mailbox": "\(name)"])
        } catch let error where error.serverReply.map(IMAPResponseParser.isAlreadyExists) == true {
            logger.debug("IMAP mailbox exists", metadata: ["imap.mailbox": "\(name)"])
        }
    }
}
