import MailMIME

/// What kind of sender wrote a mail, as far as loops are concerned.
///
/// Raw values are the fixed `mail_class` names of docs/cli.md#identifiers-and-states.
public enum MailClass: String, Sendable, Codable, CaseIterable {
    case human
    case autoReply = "auto-reply"
    case bulk
    case bounce
    case spam

    /// Only a person's mail may trigger an automatic answer or reopen a ticket.
    public var allowsAutomaticReply: Bool { self == .human }
}

/// The class of a mail plus the header lines that decided it (shown by `explain`).
public struct MailClassification: Sendable, Equatable {
    public var mailClass: MailClass
    public var evidence: [String]

    public init(mailClass: MailClass, evidence: [String]) {
        self.mailClass = mailClass
        self.evidence = evidence
    }
}
