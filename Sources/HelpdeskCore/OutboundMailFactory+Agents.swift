import Foundation
import MailMIME

/// Mail to and on behalf of agents.
///
/// - SeeAlso: RFC 3834 §5 (Auto-Submitted: auto-generated on notifications, none on a person's reply),
///   RFC 5322 §3.6.4 (In-Reply-To/References), §3.6.2 (From names the helpdesk, never the agent)
extension OutboundMailFactory {
    /// A mail maildesk writes to an agent by itself (notification, command error, delivery failure):
    /// from the support address, Reply-To the agent's signed token, loop-safe headers.
    public func agentNotice(ticketID: Int64, subject: String, to agent: Agent, replyTo: MailAddress, text: String,
                            date: Date, inReplyTo: String? = nil, references: [String] = []) -> OutgoingMail {
        var mail = OutgoingMail(from: helpdesk, to: [MailAddress(name: agent.name, address: agent.address)],
                                subject: subjectTag.taggedSubject(QuoteLimit.subject(subject), ticketID: ticketID), date: date,
                                messageID: signer.make(ticketID: ticketID), text: text)
        mail.replyTo = [replyTo]
        mail.inReplyTo = Self.repeatable(inReplyTo)
        mail.references = Self.referenceChain(references, appending: mail.inReplyTo)
        mail.extraHeaders = loopSafeHeaders(autoSubmitted: "auto-generated", ticketID: ticketID)
        return mail
    }

    /// An agent's reply relayed to the customer and participants: From "Alice via Support"
    /// <support@…>, Reply-To the customer token, threaded to the customer's last mail. The agent's own
    /// address appears nowhere. A person wrote it, so it carries no Auto-Submitted.
    public func agentReply(ticketID: Int64, subject: String, agent: Agent, to: [MailAddress], cc: [MailAddress],
                           text: String, attachments: [(filename: String, contentType: String, data: [UInt8])],
                           replyTo: MailAddress, inReplyTo: String?, references: [String], date: Date) -> OutgoingMail {
        let via = MailAddress(name: "\(agent.name) via \(helpdesk.name ?? helpdesk.address)", address: helpdesk.address)
        var mail = OutgoingMail(from: via, to: to.map(Self.bounded),
                                subject: subjectTag.taggedSubject(QuoteLimit.subject(subject), ticketID: ticketID),
                                date: date, messageID: signer.make(ticketID: ticketID), text: text)
        mail.cc = cc.map(Self.bounded)
        mail.replyTo = [replyTo]
        mail.inReplyTo = Self.repeatable(inReplyTo)
        mail.references = Self.referenceChain(references, appending: mail.inReplyTo)
        mail.attachments = attachments
        mail.extraHeaders = [("X-Maildesk-Ticket", String(ticketID))]
        return mail
    }

    /// The values agent templates may use, besides those of the acknowledgement. What the customer's
    /// mail brought is bounded (``QuoteLimit``): the subject, the quoted `message` (with a line saying
    /// how much more `tickets show` holds) and any other value.
    public func agentTemplateValues(ticketID: Int64, subject: String, agent: Agent, extra: [String: String]) -> [String: String] {
        var values = [
            "agent.name": agent.name, "agent.id": agent.id,
            "helpdesk.name": helpdesk.name ?? helpdesk.address, "helpdesk.address": helpdesk.address,
            "ticket.id": String(ticketID), "ticket.tag": subjectTag.tag(for: ticketID),
            "ticket.subject": subject.isEmpty ? "(no subject)" : QuoteLimit.subject(subject),
            "commands": AgentCommand.reference,
        ]
        for (key, value) in extra {
            values[key] = key == "message" ? QuoteLimit.text(value, ticketID: ticketID)
                : QuoteLimit.clipped(value, to: QuoteLimit.valueScalars)
        }
        return values
    }
}
