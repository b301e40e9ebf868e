/// Where a message came from: an IMAP mailbox UID, a Maildir file, or standard input.
public struct MessageOrigin: Sendable, Equatable {
    /// Stable name of the source, e.g. `imap:support@example.com@imap.example.com/INBOX`, `maildir:/srv/Maildir`, `stdin`.
    public var source: String
    public var uidValidity: Int64?
    public var uid: Int64?
    /// Maildir: the file's unique name (without the `:2,` flags part).
    public var sourceKey: String?

    public init(source: String, uidValidity: Int64? = nil, uid: Int64? = nil, sourceKey: String? = nil) {
        self.source = source
        self.uidValidity = uidValidity
        self.uid = uid
        self.sourceKey = sourceKey
    }
}

/// What ingesting one message did.
public enum IngestResult: Sendable, Equatable {
    /// Stored as an entry on a ticket (`newTicket` when the ticket was created for it).
    case entry(ticketID: Int64, entryID: Int64, newTicket: Bool, rule: String, queuedMail: Int)
    /// The same Message-ID with the same bytes was stored before: nothing new was added.
    case duplicate(ofEntry: Int64?)
    /// Processing failed; the raw bytes are kept in quarantine with the reason.
    case quarantined(id: Int64, reason: String)
    /// This source position was processed before (a rerun after a crash).
    case alreadySeen
}

/// An error raised on purpose by tests to simulate a crash at a given point.
public struct SimulatedCrash: Error, CustomStringConvertible {
    public var point: String
    public init(point: String) { self.point = point }
    public var description: String { "simulated crash at \(point)" }
}
