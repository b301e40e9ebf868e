import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// The rows TicketWriter stores for a mail: the entry, participants, attachments.
extension TicketWriter {
    /// The entry of a stored mail: the new part (`body`) that tickets, notifications, classification
    /// and KB matching use, and the whole text (`full_body`). Kind and ticket are set by the caller.
    func mailEntry(_ message: ParsedMessage, trim: TrimResult, sender: MailAddress, defects: [MIMEDefect], rawID: Int64,
                   rule: ThreadRule, conversation: String?, explain: ExplainRecord) -> EntryRecord {
        var entry = EntryRecord(ticketId: 0, kind: EntryKind.customer.rawValue, body: trim.text, createdAt: now)
        entry.fullBody = message.text ?? ""
        entry.fromJson = AddressJSON.encode([sender])
        entry.toJson = AddressJSON.encode(message.to)
        entry.ccJson = AddressJSON.encode(message.cc)
        entry.messageId = message.messageID
        entry.subject = message.subject
        entry.html = message.html
        entry.mailClass = explain.mailClass.rawValue
        entry.rawId = rawID
        entry.defectsJson = AddressJSON.encodeDefects(defects)
        entry.threadRule = rule.rawValue
        entry.threadIndex = conversation
        entry.explainJson = explain.json()
        return entry
    }

    /// The ticket a merged ticket now lives in (`#merge`), following at most a few hops.
    static func followMerges(_ id: Int64, db: Database) throws -> Int64 {
        try TicketChain.end(db, from: id, following: .mergedInto)
    }

    /// Where reply tokens travel: To, Cc, and the envelope recipients the MTA recorded.
    static func recipients(of message: ParsedMessage) -> [String] {
        let envelope = (message.headerValues("Delivered-To") + message.headerValues("X-Original-To"))
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")) }
        return (message.to + message.cc).map(\.address) + envelope
    }

    func entryKind(_ mailClass: MailClass) -> EntryKind {
        switch mailClass {
        case .human: .customer
        case .bounce: .bounce
        case .autoReply, .bulk, .spam: .machine
        }
    }

    func isOwn(_ address: String) -> Bool { processor.isOwn(address) }

    func addParticipants(_ message: ParsedMessage, ticketID: Int64) throws {
        for address in message.to + message.cc where !isOwn(address.address) {
            try ParticipantRecord(ticketId: ticketID, address: address.address.lowercased(), name: address.name, role: "cc")
                .insertFastIgnoringDuplicates(db)
        }
    }

    func storeAttachments(_ attachments: [MIMEAttachment], entryID: Int64) throws {
        for attachment in attachments {
            try FastSQL.execute(db, "INSERT OR IGNORE INTO blob (sha256, data) VALUES (?, ?)",
                                [attachment.sha256, Data(attachment.data)])
            var row = AttachmentRecord(entryId: entryID, filename: attachment.filename,
                                       contentType: attachment.contentType, size: attachment.size,
                                       contentId: attachment.contentID, disposition: attachment.disposition,
                                       sha256: attachment.sha256)
            try row.insert(db)
        }
    }
}
