import CCurl

extension SMTPConnection {
    /// Connects, says EHLO, upgrades to TLS (implicit or STARTTLS as the URL says), authenticates
    /// and sends `NOOP` — no MAIL FROM, no recipients, nothing delivered. For `maildoctor`-style checks.
    ///
    /// libcurl sends `CURLOPT_CUSTOMREQUEST` as a bare command when no recipients are set.
    /// - SeeAlso: RFC 5321 §4.1.1.9 (NOOP), RFC 3207 (STARTTLS), RFC 4954 (AUTH)
    /// - Returns: the server's reply to NOOP (normally `250 2.0.0 Ok`).
    public func verify() throws(TransportError) -> SMTPReply {
        try easy.setSlist(CURLOPT_MAIL_RCPT, nil)
        try easy.setString(CURLOPT_MAIL_FROM, nil)
        let outcome = try easy.perform(url: requestURL, customRequest: "NOOP", upload: nil)
        try easy.setString(CURLOPT_CUSTOMREQUEST, nil)
        guard outcome.succeeded else { throw failure(outcome) }
        let reply = SMTPReplyParser.lastAcceptance(outcome.replyLines) ?? SMTPReply(code: 250, text: "")
        logger.debug("SMTP verified", metadata: ["smtp.reply": "\(reply.code)"])
        return reply
    }
}
