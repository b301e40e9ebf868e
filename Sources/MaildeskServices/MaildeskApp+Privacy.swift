import Crypto
import Foundation
import GRDB
import Logging
import MaildeskConfig
import MaildeskStore

/// Privacy by design: `customers export|erase` and `[retention]`. Erase and retention
/// are the only ways maildesk deletes mail, and both are logged (and erase audited, without the data).
extension MaildeskApp {
    /// Whether maildesk holds anything about `address` (a ticket they opened or take part in, mail to them).
    public func holdsData(about address: String) async throws -> Bool {
        try await database.writer.read { try Self.holdsData($0, address) }
    }

    static func holdsData(_ db: Database, _ address: String) throws -> Bool {
        guard try CustomerExport.ticketIDs(db, address: address.lowercased()).isEmpty else { return true }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM outbox WHERE recipient = ? COLLATE NOCASE)",
                                 arguments: [address]) ?? false
    }

    /// `customers export ADDR`: one JSON document (nil when maildesk holds nothing about the address).
    public func exportCustomer(_ address: String) async throws -> Data? {
        let now = settings.snapshot.processor.clock()
        // Serialised inside the read: the document ([String: Any]) never leaves the database closure.
        let data = try await database.writer.read { db -> Data? in
            guard try Self.holdsData(db, address) else { return nil }
            return try JSONSerialization.data(withJSONObject: try CustomerExport.document(db, address: address, now: now),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        }
        guard let data else { return nil }
        let hash = auditHash(address)
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO privacy_audit (action, actor, subject_hash, counts, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: ["export", Self.cliActor, hash, "{}", now])
        }
        logger.notice("customer data exported", metadata: ["privacy.subject": "\(hash)"])
        return data
    }

    /// `customers erase ADDR`: see ``CustomerErasure``; then VACUUM and a truncated WAL, so the bytes are
    /// gone from the database files. Holds the ingest and send locks so nothing writes meanwhile.
    public func eraseCustomer(_ address: String) async throws -> CustomerErasure.Counts {
        let now = settings.snapshot.processor.clock()
        let hash = auditHash(address)
        let database = self.database
        let counts = try await ingestLock.withLock(timeout: 120) {
            try await self.sendLock.withLock(timeout: 120) {
                let counts = try await database.writer.write { db -> CustomerErasure.Counts in
                    try db.execute(sql: "PRAGMA secure_delete = ON")
                    let number = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM privacy_audit WHERE action = 'erase'") ?? 0) + 1
                    let counts = try CustomerErasure.erase(db, address: address, placeholder: "erased-\(number)@erased.invalid")
                    let json = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
                    try db.execute(sql: "INSERT INTO privacy_audit (action, actor, subject_hash, counts, created_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: ["erase", Self.cliActor, hash, json, now])
                    return counts
                }
                try Self.compact(database)
                return counts
            }
        }
        logger.notice("customer erased", metadata: [
            "privacy.subject": "\(hash)", "erase.tickets": "\(counts.tickets)", "erase.entries": "\(counts.entries)",
            "erase.raw_messages": "\(counts.rawMessages)", "erase.mentions": "\(counts.mentions)",
        ])
        return counts
    }

    /// `[retention]`: removes the raw mail, attachments, entry text and sent-mail copies of tickets closed
    /// longer ago than each kind's days (docs/admin-guide.md#retention); runs after each poll, in
    /// batches of `retentionBatch` rows per transaction so ingest never waits long. The tickets stay for
    /// the statistics. Returns how many rows it changed in all, and logs each kind's count.
    @discardableResult
    public func applyRetention(batch: Int = 500) async throws -> Int {
        let now = settings.snapshot.processor.clock()
        var total = 0
        for (kind, days) in Self.retentionDays(configuration.retention) {
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            var removed = 0
            while true {
                let changed = try await database.writer.write { try RetentionSweep.sweep($0, kind, cutoff: cutoff, limit: batch) }
                removed += changed
                if changed < batch { break }
            }
            if removed > 0 {
                logger.notice("retention removed \(kind.rawValue)", metadata: [
                    "retention.kind": "\(kind.rawValue)", "retention.rows": "\(removed)", "retention.days": "\(days)"])
            }
            total += removed
        }
        return total
    }

    /// The configured kinds with their days, in sweep order.
    public static func retentionDays(_ retention: RetentionConfig) -> [(RetentionSweep.Kind, Int)] {
        let all: [(RetentionSweep.Kind, Int?)] = [(.rawMail, retention.rawMailDays), (.attachments, retention.attachmentDays),
                                                   (.text, retention.textDays), (.sentMail, retention.sentMailDays)]
        return all.compactMap { kind, days in days.map { (kind, $0) } }
    }

    /// VACUUM and an emptied WAL: deleted bytes leave both files.
    static func compact(_ database: MaildeskDatabase) throws {
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// The address as a keyed hash (HMAC with the helpdesk secret): audit rows can be matched to a later
    /// request about the same address without storing it.
    func auditHash(_ address: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(("privacy:" + address.lowercased()).utf8),
                                                   using: SymmetricKey(data: settings.factory.secret))
        return code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Who runs a CLI verb, for the audit trail: `cli:` and the Unix user (the one behind sudo).
    public static var cliActor: String {
        "cli:" + (ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "admin")
    }
}
