import Crypto
import Foundation
import GRDB
import HelpdeskCore
import MailMIME
import MaildeskStore

/// Turns one raw message into ticket state inside the caller's transaction: store the raw bytes,
/// parse, classify, thread, create or extend the ticket, queue the acknowledgement.
public struct IngestProcessor: Sendable {
    public var parser = MIMEParser()
    public var classifier: MailClassifier
    public var resolver: ThreadResolver
    public var factory: OutboundMailFactory
    public var acknowledgementTemplate: String
    /// Addresses that are the helpdesk itself (never participants, never acknowledged).
    public var ownAddresses: Set<String>
    public var autoRepliesPerAddressPerDay: Int
    public var maxMessageBytes: Int
    public var clock: @Sendable () -> Date
    /// Signs the `support+<token>@` Reply-To of mail we send.
    public var replyTokens: ReplyTokenCodec?
    /// `[helpdesk] admin`: told when an address trips the automatic-mail limits.
    public var adminAddress: String?
    /// Tiered automatic-mail limits (`perDay` follows `autoRepliesPerAddressPerDay`).
    public var limiter = AutoReplyLimiter()
    /// `[limits] breaker_duration`: how long an address that tripped a limit gets no automatic mail.
    public var breakerDuration: TimeInterval = 86_400
    /// How long a permanently bounced address gets no automatic mail.
    public var undeliverableDays: Double = 60
    /// Every mail text in use (`acknowledgementTemplate` is the acknowledgement among them).
    public var templates: TemplateStore?
    /// `[[helpdesk.agents]]` and the trusted authserv-id that proves their mail.
    public var agents = AgentRecognizer(agents: [], trustedAuthservID: nil)
    /// `[helpdesk] copy_agents`: other agents on a ticket get a copy of an agent's reply.
    public var copyAgents = true
    /// The due estimate: sets `due_at` of new tickets once enough closed tickets exist.
    public var liveDue: LiveDueEstimator?
    /// The stored ticket classifier: sets category and priority of new tickets when confident.
    public var liveClassifier: LiveClassifier?
    /// Knowledge-base search for auto-answers and agents' suggestions (nil: none).
    public var knowledgeBase: KnowledgeBase?
    /// `[kb] threshold`: the least confidence for an auto-answer.
    public var kbThreshold: Double = 0.95

    public init(classifier: MailClassifier, resolver: ThreadResolver, factory: OutboundMailFactory,
                acknowledgementTemplate: String, ownAddresses: Set<String>, autoRepliesPerAddressPerDay: Int,
                maxMessageBytes: Int, clock: @escaping @Sendable () -> Date = Date.init) {
        self.classifier = classifier
        self.resolver = resolver
        self.factory = factory
        self.acknowledgementTemplate = acknowledgementTemplate
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
        self.autoRepliesPerAddressPerDay = autoRepliesPerAddressPerDay
        self.maxMessageBytes = maxMessageBytes
        self.clock = clock
    }

    /// The pure part of ingesting (hash, MIME parse, reply trimming), done outside the database
    /// transaction and in parallel; `process` then only reads and writes SQL.
    public func prepare(_ raw: [UInt8]) -> PreparedMessage {
        let hash = ContentFingerprint.of(raw)
        guard raw.count <= maxMessageBytes else { return PreparedMessage(raw: raw, hash: hash, message: nil, trim: nil) }
        let message = parser.parse(raw)
        let trim = ReplyTrimmer().trim(text: message.text ?? "", html: message.html)
        return PreparedMessage(raw: raw, hash: hash, message: message, trim: trim)
    }

    /// Processes `raw` in the current transaction of `db`. Throws when the message must be quarantined.
    public func process(_ raw: [UInt8], origin: MessageOrigin, db: Database) throws -> IngestResult {
        try process(prepare(raw), origin: origin, db: db)
    }

    public func process(_ prepared: PreparedMessage, origin: MessageOrigin, db: Database) throws -> IngestResult {
        if try alreadySeen(origin, db) { return .alreadySeen }
        let now = clock()
        let raw = prepared.raw, hash = prepared.hash
        guard let message = prepared.message, let trim = prepared.trim else {
            throw IngestFailure("message of \(raw.count) bytes exceeds [limits] max_message_bytes = \(maxMessageBytes)")
        }
        if let id = message.messageID, let original = try IngestLedger.sameMessage(db, messageID: id, contentHash: hash) {
            var record = IngestRecord(source: origin.source, uidValidity: origin.uidValidity, uid: origin.uid,
                                      sourceKey: origin.sourceKey, messageId: id, contentHash: hash,
                                      rawId: original.rawId, outcome: .duplicate, createdAt: now)
            record.duplicateOf = original.entryId
            record.ticketId = original.ticketId
            try record.insertFast(db)
            return .duplicate(ofEntry: original.entryId)
        }
        var defects = message.defects
        if let id = message.messageID, try IngestLedger.messageIDSeen(db, messageID: id) {
            defects.append(MIMEDefect(code: "duplicate-message-id",
                                      detail: "Message-ID <\(id)> was seen before with different content", part: nil))
        }
        let rawID = try IngestLedger.storeRaw(db, bytes: raw, sha256: Self.sha256Hex(raw), now: now)
        let stored = try TicketWriter(processor: self, db: db, now: now)
            .store(message, trim: trim, defects: defects, rawID: rawID)
        var record = IngestRecord(source: origin.source, uidValidity: origin.uidValidity, uid: origin.uid,
                                  sourceKey: origin.sourceKey, messageId: message.messageID, contentHash: hash,
                                  rawId: rawID, outcome: .entry, createdAt: now)
        record.entryId = stored.entryID
        record.ticketId = stored.ticketID
        try record.insertFast(db)
        return .entry(ticketID: stored.ticketID, entryID: stored.entryID, newTicket: stored.newTicket,
                      rule: stored.rule.rawValue, queuedMail: stored.queuedMail)
    }

    /// Records a message that could not be processed: raw bytes, reason, and an ingest record so the
    /// source moves on.
    public func quarantine(_ raw: [UInt8], origin: MessageOrigin, reason: String, db: Database) throws -> IngestResult {
        let now = clock()
        let hash = Self.sha256Hex(raw)
        let rawID = try IngestLedger.storeRaw(db, bytes: raw, sha256: hash, now: now)
        var entry = QuarantineRecord(rawId: rawID, source: origin.source, uid: origin.uid,
                                     sourceKey: origin.sourceKey, reason: reason, createdAt: now)
        try entry.insert(db)
        var record = IngestRecord(source: origin.source, uidValidity: origin.uidValidity, uid: origin.uid,
                                  sourceKey: origin.sourceKey, messageId: nil, contentHash: hash,
                                  rawId: rawID, outcome: .quarantined, createdAt: now)
        try record.insertFast(db)
        return .quarantined(id: entry.id!, reason: reason)
    }

    func alreadySeen(_ origin: MessageOrigin, _ db: Database) throws -> Bool {
        if let validity = origin.uidValidity, let uid = origin.uid {
            return try IngestLedger.record(db, source: origin.source, uidValidity: validity, uid: uid) != nil
        }
        if let key = origin.sourceKey {
            return try IngestLedger.record(db, source: origin.source, key: key) != nil
        }
        return false
    }

    /// Whether `address` is the helpdesk itself (`support+anything@domain` too).
    func isOwn(_ address: String) -> Bool {
        let lower = address.lowercased()
        if ownAddresses.contains(lower) { return true }
        guard let at = lower.lastIndex(of: "@"), let plus = lower[..<at].firstIndex(of: "+") else { return false }
        return ownAddresses.contains(String(lower[..<plus]) + String(lower[at...]))
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A message after the pure steps: raw bytes, content hash, parse and trim (nil when over the size limit).
public struct PreparedMessage: Sendable {
    public var raw: [UInt8]
    /// Content fingerprint for duplicate detection (trace fields left out), not the raw bytes' hash.
    public var hash: String
    public var message: ParsedMessage?
    public var trim: TrimResult?
}

/// Why a message could not be processed (it goes to quarantine with this text).
public struct IngestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
