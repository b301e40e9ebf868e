import Foundation
import MailMIME

/// Builds the mail maildesk sends, with the headers that keep mail loops from starting.
///
/// - SeeAlso: RFC 3834 §5 (Auto-Submitted: auto-replied on automatic responses, reply to the sender only),
///   RFC 5322 §3.6.4 (In-Reply-To and References of a reply).
public struct OutboundMailFactory: Sendable {
    public var helpdesk: MailAddress
    public var signer: MessageIDSigner
    public var subjectTag: SubjectTag
    public var renderer = TemplateRenderer()

    public init(helpdesk: MailAddress, signer: MessageIDSigner, subjectTag: SubjectTag) {
        self.helpdesk = helpdesk
        self.signer = signer
        self.subjectTag = subjectTag
    }

    /// The acknowledgement of a new ticket, addressed to its sender only. Subject and name are quoted
    /// within ``QuoteLimit``, so its size does not follow the customer's mail.
    public func acknowledgement(ticketID: Int64, subject: String, customer: MailAddress,
                                inReplyTo: String?, references: [String], template: String,
                                date: Date, replyTo: MailAddress? = nil) -> OutgoingMail {
        let values = customerTemplateValues(ticketID: ticketID, subject: subject, customer: customer)
        var mail = OutgoingMail(from: helpdesk, to: [Self.bounded(customer)],
                                subject: subjectTag.taggedSubject(QuoteLimit.subject(subject), ticketID: ticketID),
                                date: date, messageID: signer.make(ticketID: ticketID),
                                text: renderer.render(template, values: values))
        mail.replyTo = [replyTo ?? helpdesk]
        mail.inReplyTo = Self.repeatable(inReplyTo)
        mail.references = Self.referenceChain(references, appending: mail.inReplyTo)
        mail.extraHeaders = loopSafeHeaders(autoSubmitted: "auto-replied", ticketID: ticketID)
        return mail
    }

    /// The placeholders of mail to a customer (docs/admin-guide.md: templates).
    func customerTemplateValues(ticketID: Int64, subject: String, customer: MailAddress) -> [String: String] {
        [
            "customer.name": QuoteLimit.subject(customer.name ?? customer.address),
            "customer.address": customer.address,
            "helpdesk.name": helpdesk.name ?? helpdesk.address,
            "helpdesk.address": helpdesk.address,
            "ticket.id": String(ticketID),
            "ticket.tag": subjectTag.tag(for: ticketID),
            "ticket.subject": subject.isEmpty ? "(no subject)" : QuoteLimit.subject(subject),
        ]
    }

    /// `address` with its display name within ``QuoteLimit/subjectScalars``.
    static func bounded(_ address: MailAddress) -> MailAddress {
        MailAddress(name: address.name.map(QuoteLimit.subject), address: address.address)
    }

    /// A Message-ID we may repeat (see ``QuoteLimit/messageIDOctets``), else nil.
    static func repeatable(_ id: String?) -> String? {
        id.flatMap { QuoteLimit.isRepeatable(messageID: $0) ? $0 : nil }
    }

    /// Headers of mail maildesk writes by itself: RFC 3834 `Auto-Submitted`, Microsoft's
    /// `X-Auto-Response-Suppress` (no out-of-office answers), `X-Loop`, and our own loop and ticket marks.
    func loopSafeHeaders(autoSubmitted: String, ticketID: Int64) -> [(String, String)] {
        [
            ("Auto-Submitted", autoSubmitted),
            ("X-Auto-Response-Suppress", "All"),
            ("X-Loop", helpdesk.address),
            ("X-Maildesk-Loop", signer.domain),
            ("X-Maildesk-Ticket", String(ticketID)),
        ]
    }

    /// References of a reply: the parent's References followed by the parent's Message-ID, without
    /// repeats or ids too long for a header line, capped so header lines stay reasonable (first id
    /// kept, as RFC 5322 §3.6.4 suggests).
    public static func referenceChain(_ references: [String], appending parent: String?, limit: Int = 20) -> [String] {
        var chain: [String] = []
        for id in references + (parent.map { [$0] } ?? [])
        where QuoteLimit.isRepeatable(messageID: id) && !chain.contains(id) { chain.append(id) }
        if chain.count > limit { chain = [chain[0]] + chain.suffix(limit - 1) }
        return chain
    }
}
