/// Ticket states (docs/cli.md#identifiers-and-states): `pending` waits for the customer, `answered` means a KB
/// auto-answer was sent and we wait to hear whether it helped.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case open, pending, answered, closed
}

/// Ticket priorities (docs/cli.md#identifiers-and-states).
public enum TicketPriority: String, Sendable, Codable, CaseIterable {
    case low, normal, high, urgent
}

/// Kinds of ticket entries (docs/cli.md#identifiers-and-states).
public enum EntryKind: String, Sendable, Codable, CaseIterable {
    case customer, agent, note, acknowledgement
    case autoAnswer = "auto_answer"
    case notification, bounce, machine, system
}
