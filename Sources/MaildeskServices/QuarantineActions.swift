import Foundation
import GRDB
import Logging
import MaildeskStore

/// `quarantine retry ID` and `quarantine drop ID`: run a held message through the current ingest
/// again (after an upgrade or a raised limit), or set it aside. Raw bytes are never deleted here.
public struct QuarantineActions: Sendable {
    public let ingest: IngestService
    public var database: MaildeskDatabase { ingest.database }
    public var logger: Logger { ingest.logger }

    public init(ingest: IngestService) { self.ingest = ingest }

    /// What `retry` did.
    public enum RetryOutcome: Sendable, Equatable {
        /// Processed now: the row is `retried`; `result` is `.entry` or `.duplicate`.
        case processed(IngestResult)
        /// Processing still throws; the row stays `held`.
        case stillFailing(reason: String)
    }

    /// What `drop` did.
    public enum DropOutcome: Sendable, Equatable { case dropped, alreadyDropped }

    /// A refused action: unknown id or a row that is not in the right state (exit 65 in the CLI).
    public struct Refused: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    struct HeldMessage: Sendable {
        var record: QuarantineRecord
        var raw: [UInt8]
        var ledger: IngestRecord?
        var origin: MessageOrigin
    }

    /// Re-runs the ingest of quarantined message `id` with its original origin, in one transaction.
    public func retry(id: Int64) async throws -> RetryOutcome {
        let held = try await database.writer.read { db in try Self.load(db, id: id) }
        guard held.record.status == "held" else {
            throw Refused(description: "quarantine \(id) is \(held.record.status); only held messages can be retried")
        }
        let processor = ingest.processor
        do {
            let result = try await database.writer.write { db -> IngestResult in
                // Re-check inside the transaction: another retry may have won the race.
                let status = try String.fetchOne(db, sql: "SELECT status FROM quarantine WHERE id = ?", arguments: [id])
                guard status == "held" else {
                    throw Refused(description: "quarantine \(id) is \(status ?? "gone"); only held messages can be retried")
                }
                // The quarantine's ledger row stands for this source position; the new outcome replaces it.
                if let old = held.ledger?.id {
                    try db.execute(sql: "DELETE FROM ingest_record WHERE id = ?", arguments: [old])
                }
                let result = try processor.process(held.raw, origin: held.origin, db: db)
                try Self.reuseRawBytes(db, keep: held.record.rawId, serverDone: held.ledger?.serverDone ?? false)
                try db.execute(sql: "UPDATE quarantine SET status = 'retried' WHERE id = ?", arguments: [id])
                return result
            }
            var metadata: Logger.Metadata = ["quarantine.id": "\(id)"]
            if case let .entry(ticket, entry, _, _, _) = result {
                metadata["ticket.id"] = "\(ticket)"
                metadata["entry.id"] = "\(entry)"
            }
            logger.notice("quarantined message retried", metadata: metadata)
            return .processed(result)
        } catch let error as Refused {
            throw error
        } catch let error as DatabaseError where IngestService.isTemporary(error) {
            throw error
        } catch {
            let reason = String(describing: error)
            logger.warning("quarantined message still failing: \(reason)", metadata: ["quarantine.id": "\(id)"])
            return .stillFailing(reason: reason)
        }
    }

    /// Marks quarantined message `id` as `dropped`; its raw bytes stay until retention removes them.
    public func drop(id: Int64) async throws -> DropOutcome {
        let outcome = try await database.writer.write { db -> DropOutcome in
            let held = try Self.load(db, id: id)
            switch held.record.status {
            case "dropped": return .alreadyDropped
            case "held":
                try db.execute(sql: "UPDATE quarantine SET status = 'dropped' WHERE id = ?", arguments: [id])
                return .dropped
            default:
                throw Refused(description: "quarantine \(id) is \(held.record.status); only held messages can be dropped")
            }
        }
        logger.notice(outcome == .dropped ? "quarantined message dropped" : "quarantined message was already dropped",
                      metadata: ["quarantine.id": "\(id)"])
        return outcome
    }

    static func load(_ db: Database, id: Int64) throws -> HeldMessage {
        guard let record = try QuarantineRecord.fetchOne(db, key: id) else {
            throw Refused(description: "no quarantined message \(id)")
        }
        guard let data = try Data.fetchOne(db, sql: "SELECT data FROM raw_message WHERE id = ?", arguments: [record.rawId]) else {
            throw Refused(description: "quarantine \(id): raw message \(record.rawId) is gone (retention)")
        }
        let ledger = try IngestRecord.fetchOne(db, sql: """
            SELECT * FROM ingest_record WHERE raw_id = ? AND outcome = 'quarantined' ORDER BY id LIMIT 1
            """, arguments: [record.rawId])
        let origin = MessageOrigin(source: record.source, uidValidity: ledger?.uidValidity, uid: record.uid ?? ledger?.uid,
                                   sourceKey: record.sourceKey ?? ledger?.sourceKey)
        return HeldMessage(record: record, raw: Array(data), ledger: ledger, origin: origin)
    }

    /// The ingest just stored the bytes a second time: point its rows at the quarantine's copy, drop the
    /// new copy, and keep the server state (flagged/moved) of the original source position.
    static func reuseRawBytes(_ db: Database, keep rawID: Int64, serverDone: Bool) throws {
        guard let ledgerID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ingest_record"),
              let newRaw = try Int64.fetchOne(db, sql: "SELECT raw_id FROM ingest_record WHERE id = ?", arguments: [ledgerID])
        else { return }
        try db.execute(sql: "UPDATE ingest_record SET server_done = ? WHERE id = ?", arguments: [serverDone, ledgerID])
        guard newRaw != rawID else { return }
        let stillUsed = try Bool.fetchOne(db, sql: """
            SELECT EXISTS(SELECT 1 FROM ingest_record WHERE raw_id = ? AND id <> ?)
                OR EXISTS(SELECT 1 FROM quarantine WHERE raw_id = ?)
            """, arguments: [newRaw, ledgerID, newRaw]) ?? true
        guard !stillUsed else { return }
        try db.execute(sql: "UPDATE entry SET raw_id = ? WHERE raw_id = ?", arguments: [rawID, newRaw])
        try db.execute(sql: "UPDATE ingest_record SET raw_id = ? WHERE id = ?", arguments: [rawID, ledgerID])
        try db.execute(sql: "DELETE FROM raw_message WHERE id = ?", arguments: [newRaw])
    }
}
