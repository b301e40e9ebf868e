import CCurl
import Logging

/// A blocking IMAP client over one libcurl easy handle, so the server connection (and login)
/// is reused between calls. Use from one thread at a time (e.g. inside one `BlockingExecutor`).
///
/// libcurl returns only untagged lines for custom requests and drops literals, so message bodies
/// are fetched through the URL form `imap://host/MAILBOX;UIDVALIDITY=v/;UID=n`; everything else
/// goes through `CURLOPT_CUSTOMREQUEST`. For a URL naming a mailbox, libcurl SELECTs it first.
/// - SeeAlso: RFC 3501 (IMAP4rev1), RFC 5092 §6 (IMAP URL with UIDVALIDITY and UID)
public final class IMAPConnection {
    /// Mailbox from the URL path (percent-decoded), `INBOX` when the path is empty.
    public let mailbox: String
    let url: EndpointURL
    let easy: CurlEasy
    let endpoint: MailEndpoint
    /// Password and bearer token, scrubbed from every error message.
    let secrets: [String]
    var logger: Logger
    private var cachedCapabilities: Set<String>?

    public init(endpoint: MailEndpoint, logger: Logger) throws(TransportError) {
        let endpoint = try endpoint.withAccessToken()
        self.endpoint = endpoint
        url = try EndpointURL.parse(endpoint.url, service: .imap)
        let policy = try TLSPolicy.decide(for: url, allowInsecure: endpoint.allowInsecure)
        if url.path.contains(";") {
            throw TransportError(kind: .invalidURL, message: "IMAP URL path must be a plain mailbox name, got \"\(url.path)\"",
                                 protocolName: "IMAP")
        }
        mailbox = url.path.isEmpty ? "INBOX" : url.path
        secrets = endpoint.secrets
        easy = try CurlEasy(protocolName: "IMAP")
        try easy.configure(endpoint: endpoint, policy: policy, protocols: "imap,imaps")
        self.logger = logger
        self.logger[metadataKey: "imap.server"] = "\(url.hostAndPort)"
    }

    /// STATUS of the configured mailbox.
    public func status() throws(TransportError) -> IMAPMailboxStatus { try status(of: mailbox) }

    /// - SeeAlso: RFC 3501 §6.3.10
    public func status(of name: String) throws(TransportError) -> IMAPMailboxStatus {
        let outcome = try run(rootURL, IMAPCommand.status(name), "STATUS \(name)")
        guard let status = IMAPResponseParser.status(outcome.body) else {
            throw protocolFailure("no complete STATUS response for \(name)", outcome)
        }
        logger.debug("IMAP status", metadata: [
            "imap.mailbox": "\(name)", "imap.uidvalidity": "\(status.uidValidity)",
            "imap.uidnext": "\(status.uidNext)", "imap.messages": "\(status.messages)",
        ])
        return status
    }

    /// UIDs ≥ `from` in the configured mailbox, ascending. `n:*` also matches the highest UID
    /// when `n` exceeds it, so results are filtered.
    /// - SeeAlso: RFC 3501 §6.4.4, §6.4.8
    public func searchUIDs(from: UInt32) throws(TransportError) -> [UInt32] {
        let outcome = try run(mailboxURL(mailbox), IMAPCommand.uidSearch(from: from), "UID SEARCH")
        return Set(IMAPResponseParser.search(outcome.body).filter { $0 >= from }).sorted()
    }

    /// UIDs in the configured mailbox matching raw SEARCH `criteria` (e.g. `KEYWORD $maildesk`, `UNSEEN`), ascending.
    /// - SeeAlso: RFC 3501 §6.4.4
    public func searchUIDs(criteria: String) throws(TransportError) -> [UInt32] {
        guard !criteria.isEmpty, criteria.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
            throw TransportError(kind: .protocolError, message: "invalid SEARCH criteria", protocolName: "IMAP")
        }
        let outcome = try run(mailboxURL(mailbox), "UID SEARCH \(criteria)", "UID SEARCH")
        return Set(IMAPResponseParser.search(outcome.body)).sorted()
    }

    /// The raw message (`BODY[]`) with UID `uid`; libcurl checks `uidValidity` against SELECT.
    /// A changed UIDVALIDITY or a missing UID gives `.protocolError`.
    /// - SeeAlso: RFC 5092 §6
    public func fetch(uid: UInt32, uidValidity: UInt32) throws(TransportError) -> [UInt8] {
        let target = mailboxURL(mailbox) + ";UIDVALIDITY=\(uidValidity)/;UID=\(uid)"
        let outcome: CurlEasy.Outcome
        do {
            outcome = try run(target, nil, "FETCH UID \(uid)")
        } catch let error where error.curlCode == Int32(CURLE_REMOTE_FILE_NOT_FOUND.rawValue) {
            var error = error
            error.kind = .protocolError
            error.message = "message UID \(uid) not found in \(mailbox) with UIDVALIDITY \(uidValidity): " + error.message
            throw error
        }
        logger.debug("IMAP fetched", metadata: ["imap.mailbox": "\(mailbox)", "imap.uid": "\(uid)", "imap.bytes": "\(outcome.body.count)"])
        return outcome.body
    }

    /// Adds `flags` to the messages, in chunks of compressed UID sets.
    /// - SeeAlso: RFC 3501 §6.4.6 (STORE +FLAGS.SILENT)
    public func addFlags(_ flags: [String], uids: [UInt32]) throws(TransportError) {
        guard !uids.isEmpty, !flags.isEmpty else { return }
        if let bad = flags.first(where: { !IMAPCommand.isValidFlag($0) }) {
            throw TransportError(kind: .protocolError, message: "invalid IMAP flag \"\(bad)\"", protocolName: "IMAP")
        }
        for set in UIDRanges.compress(uids) {
            _ = try run(mailboxURL(mailbox), IMAPCommand.uidStoreAddFlags(set, flags), "UID STORE")
        }
        logger.debug("IMAP flags added", metadata: ["imap.mailbox": "\(mailbox)", "imap.count": "\(uids.count)"])
    }

    /// Server capabilities (after login), cached per connection object.
    /// - SeeAlso: RFC 3501 §6.1.1
    public func capabilities() throws(TransportError) -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities }
        let outcome = try run(rootURL, IMAPCommand.capability, "CAPABILITY")
        let result = IMAPResponseParser.capabilities(ReplyLines.split(outcome.body))
        cachedCapabilities = result
        return result
    }

    var rootURL: String { url.base + "/" }

    func mailboxURL(_ name: String) -> String {
        url.base + "/" + EndpointURL.percentEncode(IMAPMailboxName.encode(name))
    }

    /// Performs one request and turns a failure into a classified, password-free `TransportError`.
    func run(_ target: String, _ command: String?, _ operation: String, upload: [UInt8]? = nil)
        throws(TransportError) -> CurlEasy.Outcome
    {
        let outcome = try easy.perform(url: target, customRequest: command, upload: upload)
        guard outcome.succeeded else {
            let error = failure(outcome, operation)
            endpoint.loginRefused(error)
            throw error
        }
        return outcome
    }

    func failure(_ outcome: CurlEasy.Outcome, _ operation: String) -> TransportError {
        var kind = CurlCodeClassifier.kind(for: outcome.code)
        // libcurl reports a refused SELECT as CURLE_LOGIN_DENIED ("Select failed").
        if kind == .authentication && outcome.errorText.lowercased().contains("select") { kind = .protocolError }
        let reply = IMAPResponseParser.failureLine(outcome.replyLines)
        return TransportError(kind: kind, curlCode: outcome.code,
                              message: scrub("\(outcome.errorText) (\(operation) on \(url.hostAndPort))"),
                              serverReply: reply.map(scrub), protocolName: "IMAP")
    }

    func protocolFailure(_ message: String, _ outcome: CurlEasy.Outcome) -> TransportError {
        let reply = ReplyLines.text(Array(outcome.replyLines.suffix(3)))
        return TransportError(kind: .protocolError, message: scrub("\(message) (on \(url.hostAndPort))"),
                              serverReply: reply.isEmpty ? nil : scrub(reply), protocolName: "IMAP")
    }

    func scrub(_ text: String) -> String { MailEndpoint.scrub(text, secrets: secrets) }
}
