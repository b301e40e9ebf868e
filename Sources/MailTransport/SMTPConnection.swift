import CCurl
import Logging

/// A blocking SMTP client over one libcurl easy handle (connection reused between sends).
/// Each `send` is one transaction with one recipient, because libcurl reports one result per
/// transfer however many `MAIL_RCPT` entries it has. Use from one thread at a time.
/// - SeeAlso: RFC 5321 §3.3 (mail transactions), RFC 3207 (STARTTLS), RFC 4954 (AUTH)
public final class SMTPConnection {
    let url: EndpointURL
    let easy: CurlEasy
    let endpoint: MailEndpoint
    let requestURL: String
    /// Password and bearer token, scrubbed from every error message.
    let secrets: [String]
    var logger: Logger

    /// - Parameter heloName: the name sent in EHLO; libcurl takes it from the URL path.
    public init(endpoint: MailEndpoint, heloName: String, logger: Logger) throws(TransportError) {
        let endpoint = try endpoint.withAccessToken()
        self.endpoint = endpoint
        url = try EndpointURL.parse(endpoint.url, service: .smtp)
        let policy = try TLSPolicy.decide(for: url, allowInsecure: endpoint.allowInsecure)
        guard url.path.isEmpty else {
            throw TransportError(kind: .invalidURL, message: "SMTP URL must not have a path (got \"\(url.path)\")",
                                 protocolName: "SMTP")
        }
        guard Self.isValidHeloName(heloName) else {
            throw TransportError(kind: .invalidURL, message: "invalid EHLO name \"\(heloName)\"", protocolName: "SMTP")
        }
        requestURL = url.base + "/" + EndpointURL.percentEncode(heloName)
        secrets = endpoint.secrets
        easy = try CurlEasy(protocolName: "SMTP")
        try easy.configure(endpoint: endpoint, policy: policy, protocols: "smtp,smtps")
        self.logger = logger
        self.logger[metadataKey: "smtp.server"] = "\(url.hostAndPort)"
    }

    /// Sends `message` (complete RFC 5322 bytes with CRLF line ends; libcurl dot-stuffs) to one recipient.
    /// An empty `from` sends the null reverse-path `<>`.
    /// - Returns: the server's reply accepting the message (e.g. `250 2.0.0 Ok: queued as …`).
    /// - Throws: `.permanentRejection` for 5xx, `.temporaryRejection` for 4xx, or the connection/TLS/auth kind.
    public func send(from: String, recipient: String, message: [UInt8]) throws(TransportError) -> SMTPReply {
        guard Self.isValidAddress(from, allowEmpty: true) else { throw invalidAddress("sender", from) }
        guard Self.isValidAddress(recipient, allowEmpty: false) else { throw invalidAddress("recipient", recipient) }
        try easy.setString(CURLOPT_MAIL_FROM, "<\(from)>")
        let recipients = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        try easy.setSlist(CURLOPT_MAIL_RCPT, recipients)
        let outcome = try easy.perform(url: requestURL, customRequest: nil, upload: message)
        try easy.setSlist(CURLOPT_MAIL_RCPT, nil)
        guard outcome.succeeded else {
            let error = failure(outcome)
            endpoint.loginRefused(error)
            throw error
        }
        let reply = SMTPReplyParser.lastAcceptance(outcome.replyLines) ?? SMTPReply(code: 250, text: "")
        logger.debug("SMTP sent", metadata: ["smtp.bytes": "\(message.count)", "smtp.reply": "\(reply.code)"])
        return reply
    }

    func failure(_ outcome: CurlEasy.Outcome) -> TransportError {
        var kind = CurlCodeClassifier.kind(for: outcome.code)
        let rejection = SMTPReplyParser.lastFailure(outcome.replyLines)
        if let rejection, kind == .protocolError || kind == .connection {
            kind = rejection.code >= 500 ? .permanentRejection : .temporaryRejection
        }
        return TransportError(kind: kind, curlCode: outcome.code,
                              message: scrub("\(outcome.errorText) (on \(url.hostAndPort))"),
                              serverReply: rejection.map { scrub($0.lines) }, protocolName: "SMTP")
    }

    private func invalidAddress(_ role: String, _ address: String) -> TransportError {
        TransportError(kind: .permanentRejection, message: "invalid \(role) address \"\(ReplyLines.text([Array(address.utf8)]))\"",
                       protocolName: "SMTP")
    }

    func scrub(_ text: String) -> String { MailEndpoint.scrub(text, secrets: secrets) }

    /// A host name or an address literal `[…]`.
    /// - SeeAlso: RFC 5321 §4.1.1.1 (EHLO), §4.1.3 (address literals)
    static func isValidHeloName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") {
            return bytes.dropFirst().dropLast().allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") }
        }
        return bytes.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
    }

    /// An envelope address without angle brackets: no controls, spaces outside quotes are not checked,
    /// but CR, LF, NUL, `<` and `>` (command injection / path breaking) are refused.
    /// - SeeAlso: RFC 5321 §4.1.2 (Mailbox syntax)
    static func isValidAddress(_ address: String, allowEmpty: Bool) -> Bool {
        if address.isEmpty { return allowEmpty }
        return address.utf8.count <= 320
            && address.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
            && address.utf8.contains(UInt8(ascii: "@"))
    }
}
