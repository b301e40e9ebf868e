import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Mail to the admin address about the helpdesk itself (`[helpdesk] admin`), sent once per event.
struct AdminNotice {
    let processor: IngestProcessor
    let db: Database
    let now: Date

    /// Opens the circuit for `address` for `[limits] breaker_duration` and, the first time, tells the admin why.
    func rateLimitTripped(address: String, reason: String) throws {
        let until = now.addingTimeInterval(processor.breakerDuration)
        try AutoReplyLedger.trip(db, address: address, reason: reason, now: now, until: until)
        guard let admin = processor.adminAddress else { return }
        let helpdesk = processor.factory.helpdesk
        var mail = OutgoingMail(
            from: helpdesk, to: [MailAddress(name: nil, address: admin)],
            subject: "maildesk stopped automatic mail to \(address)", date: now,
            messageID: processor.factory.signer.make(ticketID: 0),
            text: """
                maildesk stopped sending automatic mail (acknowledgements, answers) to \(address)
                for \(Self.span(processor.breakerDuration)): it reached the limit of \(reason).

                This usually means another automatic system is writing to the helpdesk in a loop.
                Mail from that address is still stored on its tickets; nothing is lost.
                """)
        mail.extraHeaders = [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
                             ("X-Loop", helpdesk.address)]
        _ = try OutboxQueue.enqueue(db, OutboxRecord(
            ticketId: nil, entryId: nil, kind: EntryKind.system.rawValue, messageId: mail.messageID,
            envelopeFrom: helpdesk.address, recipient: admin, data: Data(mail.render()), now: now))
    }

    /// "24 hours", "1 hour", "90 minutes", "45 seconds".
    static func span(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let (count, unit) = whole % 3600 == 0 ? (whole / 3600, "hour") : whole % 60 == 0 ? (whole / 60, "minute") : (whole, "second")
        return "\(count) \(unit)\(count == 1 ? "" : "s")"
    }
}
