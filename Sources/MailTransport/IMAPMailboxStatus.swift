/// The numbers a poller needs about one mailbox.
/// - SeeAlso: RFC 3501 §6.3.10 (STATUS), §2.3.1.1 (UIDVALIDITY, UIDNEXT)
public struct IMAPMailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int

    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}
