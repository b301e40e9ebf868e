import Foundation
import GRDB
import Logging
import MaildeskStore

/// Runs the ingest processor against the database: one transaction per message, and a message whose
/// processing throws is quarantined (raw bytes and reason) so it never blocks the ones after it.
///
/// The processor comes from the app's ``LiveSettings`` (SIGHUP swaps it). Each call reads it once, and
/// the IMAP poller pins the service per batch (`pinned()`), so a batch sees one consistent configuration.
public struct IngestService: Sendable {
    enum ProcessorSource: Sendable {
        case fixed(IngestProcessor)
        case live(LiveSettings)
    }

    public let database: MaildeskDatabase
    public let logger: Logger
    let source: ProcessorSource

    public init(database: MaildeskDatabase, processor: IngestProcessor, logger: Logger) {
        self.init(database: database, source: .fixed(processor), logger: logger)
    }

    public init(database: MaildeskDatabase, settings: LiveSettings, logger: Logger) {
        self.init(database: database, source: .live(settings), logger: logger)
    }

    init(database: MaildeskDatabase, source: ProcessorSource, logger: Logger) {
        self.database = database
        self.source = source
        self.logger = logger
    }

    /// The processor in use now (after the last reload).
    public var processor: IngestProcessor {
        switch source {
        case let .fixed(processor): processor
        case let .live(settings): settings.snapshot.processor
        }
    }

    /// This service bound to the processor in use now: a reload during the batch does not affect it.
    public func pinned() -> IngestService {
        IngestService(database: database, source: .fixed(processor), logger: logger)
    }

    /// Ingests one message. `afterCommitWork` runs inside the same transaction (checkpoint updates).
    public func ingest(_ raw: [UInt8], origin: MessageOrigin,
                       sameTransaction: (@Sendable (Database) throws -> Void)? = nil) async throws -> IngestResult {
        let processor = self.processor
        do {
            let result = try await database.writer.write { db in
                let result = try processor.process(raw, origin: origin, db: db)
                try sameTransaction?(db)
                return result
            }
            log(result, origin: origin)
            return result
        } catch let error as DatabaseError where Self.isTemporary(error) {
            throw error
        } catch {
            let reason = String(describing: error)
            let result = try await database.writer.write { db in
                let result = try processor.quarantine(raw, origin: origin, reason: reason, db: db)
                try sameTransaction?(db)
                return result
            }
            log(result, origin: origin)
            return result
        }
    }

    /// Ingests a group of messages in ONE transaction, each in its own savepoint: a message whose
    /// processing throws is rolled back alone and quarantined; `sameTransaction` (the checkpoint) runs
    /// last, so the group is committed with its checkpoint or not at all.
    public func ingestGroup(_ items: [(origin: MessageOrigin, raw: [UInt8])],
                            sameTransaction: (@Sendable (Database) throws -> Void)? = nil) async throws -> [IngestResult] {
        let pinned = pinned()
        let prepared = await pinned.prepareAll(items.map(\.raw))
        return try await pinned.ingestPrepared(Array(zip(items.map(\.origin), prepared)), sameTransaction: sameTransaction)
    }

    /// Hash, parse and trim in parallel on the concurrency pool (pure work, no database).
    public func prepareAll(_ raws: [[UInt8]]) async -> [PreparedMessage] {
        let processor = self.processor
        return await withTaskGroup(of: (Int, PreparedMessage).self) { group in
            for (index, raw) in raws.enumerated() { group.addTask { (index, processor.prepare(raw)) } }
            var out = [PreparedMessage?](repeating: nil, count: raws.count)
            for await (index, message) in group { out[index] = message }
            return out.compactMap { $0 }
        }
    }

    /// Writes prepared messages in ONE transaction (see `ingestGroup`).
    public func ingestPrepared(_ items: [(origin: MessageOrigin, prepared: PreparedMessage)],
                               sameTransaction: (@Sendable (Database) throws -> Void)? = nil) async throws -> [IngestResult] {
        let processor = self.processor
        let results = try await database.writer.write { db -> [IngestResult] in
            var results: [IngestResult] = []
            results.reserveCapacity(items.count)
            for item in items {
                var result: IngestResult = .alreadySeen
                do {
                    try db.inSavepoint {
                        result = try processor.process(item.prepared, origin: item.origin, db: db)
                        return .commit
                    }
                } catch let error as DatabaseError where Self.isTemporary(error) {
                    throw error
                } catch {
                    let reason = String(describing: error)
                    try db.inSavepoint {
                        result = try processor.quarantine(item.prepared.raw, origin: item.origin, reason: reason, db: db)
                        return .commit
                    }
                }
                results.append(result)
            }
            try sameTransaction?(db)
            return results
        }
        for (item, result) in zip(items, results) { log(result, origin: item.origin) }
        return results
    }

    /// Busy/locked/full-disk errors are the database's, not the message's: retry later, don't quarantine.
    static func isTemporary(_ error: DatabaseError) -> Bool {
        [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN]
            .contains(error.resultCode)
    }

    func log(_ result: IngestResult, origin: MessageOrigin) {
        var metadata: Logger.Metadata = ["ingest.source": "\(origin.source)"]
        if let uid = origin.uid { metadata["imap.uid"] = "\(uid)" }
        switch result {
        case let .entry(ticketID, entryID, newTicket, rule, queued):
            metadata["ticket.id"] = "\(ticketID)"
            metadata["entry.id"] = "\(entryID)"
            metadata["thread.rule"] = "\(rule)"
            metadata["outbox.queued"] = "\(queued)"
            logger.info(newTicket ? "new ticket" : "follow-up stored", metadata: metadata)
        case let .duplicate(entry):
            metadata["entry.id"] = "\(entry.map(String.init) ?? "-")"
            logger.info("duplicate message ignored", metadata: metadata)
        case let .quarantined(id, reason):
            metadata["quarantine.id"] = "\(id)"
            logger.warning("message quarantined: \(reason)", metadata: metadata)
        case .alreadySeen:
            logger.debug("already processed", metadata: metadata)
        }
    }
}
