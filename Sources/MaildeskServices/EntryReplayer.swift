import Foundation
import GRDB
import HelpdeskCore
import Logging
import MailMIME
import MaildeskStore

/// `replay ID…`: re-reads the stored raw message of customer, machine and bounce entries with the
/// current parser, classifier and reply trimmer and updates the entry in place. It never re-threads,
/// never queues mail and never sends anything: only the entry's own text, class, defects, trim
/// explanation and attachments change.
public struct EntryReplayer: Sendable {
    public let ingest: IngestService
    public var database: MaildeskDatabase { ingest.database }

    public init(ingest: IngestService) { self.ingest = ingest }

    /// Entry kinds that were stored from a received mail.
    public static let replayableKinds: Set<String> = ["customer", "machine", "bounce"]

    /// What replaying one entry did; `status` is `updated`, `unchanged`, `skipped` or `not_found`.
    public struct Outcome: Sendable, Encodable, Equatable {
        public var id: Int64
        public var ticket: Int64?
        public var status: String
        /// Columns that changed (`body`, `full_body`, `html`, `defects`, `mail_class`, `trim`, `attachments`).
        public var changed: [String]
        public var detail: String?

        enum CodingKeys: String, CodingKey { case id, ticket, status, changed, detail }

        /// Every key is present; `ticket` and `detail` are `null` when absent.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(ticket, forKey: .ticket)
            try c.encode(status, forKey: .status)
            try c.encode(changed, forKey: .changed)
            try c.encode(detail, forKey: .detail)
        }
    }

    /// Ids of every replayable entry, ascending.
    public func allEntryIDs() async throws -> [Int64] {
        try await database.writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM entry WHERE raw_id IS NOT NULL AND kind IN ('customer', 'machine', 'bounce') ORDER BY id
                """)
        }
    }

    /// Replays each entry in its own transaction; `progress` is called after each one.
    public func replay(_ ids: [Int64], progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for (index, id) in ids.enumerated() {
            outcomes.append(try await replay(id))
            progress?(index + 1, ids.count)
        }
        return outcomes
    }

    public func replay(_ id: Int64) async throws -> Outcome {
        let processor = ingest.processor
        let outcome = try await database.writer.write { db -> Outcome in
            guard let entry = try EntryRecord.fetchOne(db, key: id) else {
                return Outcome(id: id, ticket: nil, status: "not_found", changed: [], detail: "no entry \(id)")
            }
            func skipped(_ why: String) -> Outcome {
                Outcome(id: id, ticket: entry.ticketId, status: "skipped", changed: [], detail: why)
            }
            guard Self.replayableKinds.contains(entry.kind) else {
                return skipped("\(entry.kind) entries are not received mail")
            }
            guard let rawID = entry.rawId,
                  let data = try Data.fetchOne(db, sql: "SELECT data FROM raw_message WHERE id = ?", arguments: [rawID])
            else { return skipped("raw message no longer stored") }
            let prepared = processor.prepare(Array(data))
            guard let message = prepared.message, let trim = prepared.trim else {
                return skipped("message exceeds [limits] max_message_bytes = \(processor.maxMessageBytes)")
            }
            var updated = entry
            let classification = processor.classifier.classify(message)
            updated.body = trim.text
            updated.fullBody = message.text ?? ""
            updated.html = message.html
            updated.mailClass = classification.mailClass.rawValue
            updated.defectsJson = AddressJSON.encodeDefects(Self.defects(of: message, keeping: entry.defectsJson))
            updated.explainJson = Self.explain(entry.explainJson, classification: classification, trim: trim)
            var changed: [String] = []
            if updated.body != entry.body { changed.append("body") }
            if updated.fullBody != entry.fullBody { changed.append("full_body") }
            if updated.html != entry.html { changed.append("html") }
            if updated.defectsJson != entry.defectsJson { changed.append("defects") }
            if updated.mailClass != entry.mailClass { changed.append("mail_class") }
            if updated.explainJson != entry.explainJson { changed.append("trim") }
            if !changed.isEmpty { try updated.update(db) }
            if try Self.replaceAttachments(db, entryID: id, with: message.attachments) { changed.append("attachments") }
            return Outcome(id: id, ticket: entry.ticketId, status: changed.isEmpty ? "unchanged" : "updated",
                           changed: changed, detail: nil)
        }
        var metadata: Logger.Metadata = ["entry.id": "\(id)", "replay.status": "\(outcome.status)"]
        if let ticket = outcome.ticket { metadata["ticket.id"] = "\(ticket)" }
        ingest.logger.info("entry replayed", metadata: metadata)
        return outcome
    }

    /// The parser's defects now, plus the ones ingest added from the database (`duplicate-message-id`)
    /// or from the message as a whole (`missing-from`).
    static func defects(of message: ParsedMessage, keeping storedJSON: String) -> [MIMEDefect] {
        struct Stored: Decodable { var code: String; var detail: String?; var part: String? }
        let stored = (try? JSONDecoder().decode([Stored].self, from: Data(storedJSON.utf8))) ?? []
        var defects = message.defects
        for old in stored where old.code == "duplicate-message-id" {
            defects.append(MIMEDefect(code: old.code, detail: old.detail ?? "", part: old.part))
        }
        if message.from.isEmpty {
            defects.append(MIMEDefect(code: "missing-from", detail: "no usable From address", part: nil))
        }
        return defects
    }

    /// The stored explanation with the threading part kept and the class and trim parts recomputed.
    static func explain(_ storedJSON: String?, classification: MailClassification, trim: TrimResult) -> String? {
        struct Threading: Decodable { var rule: ThreadRule; var rejected: [RejectedCandidate]? }
        guard let storedJSON,
              let threading = try? JSONDecoder().decode(Threading.self, from: Data(storedJSON.utf8)) else { return storedJSON }
        return ExplainRecord(rule: threading.rule, rejected: threading.rejected ?? [], mailClass: classification.mailClass,
                             classHeaders: classification.evidence, trim: trim).json()
    }

    /// Replaces the entry's attachment rows when the parsed set differs; bytes are content-addressed blobs.
    static func replaceAttachments(_ db: Database, entryID: Int64, with attachments: [MIMEAttachment]) throws -> Bool {
        let old = try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachment WHERE entry_id = ? ORDER BY id",
                                                arguments: [entryID])
        func key(_ a: AttachmentRecord) -> String {
            [a.filename ?? "", a.contentType, String(a.size), a.contentId ?? "", a.disposition ?? "", a.sha256].joined(separator: "\u{0}")
        }
        let fresh = attachments.map {
            AttachmentRecord(entryId: entryID, filename: $0.filename, contentType: $0.contentType, size: $0.size,
                             contentId: $0.contentID, disposition: $0.disposition, sha256: $0.sha256)
        }
        guard old.map(key) != fresh.map(key) else { return false }
        try db.execute(sql: "DELETE FROM attachment WHERE entry_id = ?", arguments: [entryID])
        for (attachment, var row) in zip(attachments, fresh) {
            try db.execute(sql: "INSERT OR IGNORE INTO blob (sha256, data) VALUES (?, ?)",
                           arguments: [attachment.sha256, Data(attachment.data)])
            try row.insert(db)
        }
        return true
    }
}
