import Foundation
import GRDB
import Logging
import MailTransport
import MaildeskStore

/// Polls one IMAP mailbox: fetch every UID above the checkpoint, ingest each in its own transaction
/// (the checkpoint moves in the same transaction), then — after a full sync — flag the batch
/// `\Seen $maildesk` and move it to the processed folder. State never depends on `\Seen`.
///
/// - SeeAlso: RFC 9051 §2.3.1.1 (UID, UIDVALIDITY), §6.4.4 (UID SEARCH), RFC 6851 (MOVE).
public final class IMAPPoller: MailSource {
    public let name: String
    let session: IMAPSession
    let executor: BlockingExecutor
    let ingest: IngestService
    let processedFolder: String?
    let batchSize: Int
    let logger: Logger
    /// Test hook: called after a batch is committed and synced, before the server is touched.
    let afterCommit: (@Sendable () throws -> Void)?

    public init(name: String, endpoint: MailEndpoint, processedFolder: String?, ingest: IngestService,
                logger: Logger, batchSize: Int = 500, afterCommit: (@Sendable () throws -> Void)? = nil) {
        self.name = name
        self.session = IMAPSession(endpoint: endpoint, logger: logger)
        self.executor = BlockingExecutor(name: "imap-\(name)")
        self.ingest = ingest
        self.processedFolder = processedFolder
        self.batchSize = batchSize
        self.logger = logger
        self.afterCommit = afterCommit
    }

    deinit { executor.shutdown() }

    public func pollOnce(shouldStop: @escaping @Sendable () -> Bool) async throws -> PollReport {
        let session = self.session
        // A fresh session per poll: a mailbox that stays SELECTed between polls may not show mail that
        // arrived since (the server reports it only after a sync), so each poll logs in and selects anew.
        let status = try await executor.run {
            session.close()
            return try session.with { try $0.status() }
        }
        let validity = Int64(status.uidValidity)
        let source = name
        let database = ingest.database
        let checkpoint = try await database.writer.read { try IngestLedger.checkpoint($0, source: source) }
        var lastUID: Int64 = 0
        if let checkpoint {
            if checkpoint.uidValidity == validity {
                lastUID = checkpoint.lastUid
            } else {
                logger.warning("UIDVALIDITY changed; rescanning the mailbox (duplicates are recognised)",
                               metadata: ["imap.mailbox": "\(source)", "imap.uidvalidity": "\(validity)"])
            }
        }
        let pending = try await database.writer.read {
            try IngestLedger.pendingServerUIDs($0, source: source, uidValidity: validity)
        }
        if !pending.isEmpty { try await finishOnServer(pending, uidValidity: validity) }

        let from = UInt32(clamping: lastUID + 1)
        let uids = try await executor.run { try session.with { try $0.searchUIDs(from: from) } }
        var report = PollReport()
        var start = 0
        while start < uids.count, !shouldStop() {
            let batch = Array(uids[start..<min(start + batchSize, uids.count)])
            start += batch.count
            let done = try await ingestBatch(batch, uidValidity: status.uidValidity, report: &report, shouldStop: shouldStop)
            try await database.writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(FULL)")
            }
            try afterCommit?()
            try await finishOnServer(done, uidValidity: validity)
        }
        return report
    }

    /// Fetches and ingests `batch`, fetching the next message while the current one is processed.
    func ingestBatch(_ batch: [UInt32], uidValidity: UInt32, report: inout PollReport,
                     shouldStop: @Sendable () -> Bool) async throws -> [Int64] {
        let session = self.session
        let source = name
        var done: [Int64] = []
        var next: Task<[UInt8], Error>? = batch.first.map { uid in
            Task { [executor] in try await executor.run { try session.with { try $0.fetch(uid: uid, uidValidity: uidValidity) } } }
        }
        for (index, uid) in batch.enumerated() {
            guard let current = next else { break }
            let raw = try await current.value
            next = nil
            if index + 1 < batch.count, !shouldStop() {
                let following = batch[index + 1]
                next = Task { [executor] in
                    try await executor.run { try session.with { try $0.fetch(uid: following, uidValidity: uidValidity) } }
                }
            }
            let origin = MessageOrigin(source: source, uidValidity: Int64(uidValidity), uid: Int64(uid))
            let result = try await ingest.ingest(raw, origin: origin) { db in
                try IngestLedger.saveCheckpoint(db, source: source, uidValidity: Int64(uidValidity),
                                                lastUid: Int64(uid), now: Date())
            }
            report.add(result)
            done.append(Int64(uid))
        }
        if let next { _ = try? await next.value }
        return done
    }

    /// Flags the committed UIDs and moves them; then records that the server side is done.
    func finishOnServer(_ uids: [Int64], uidValidity: Int64) async throws {
        guard !uids.isEmpty else { return }
        let session = self.session
        let folder = processedFolder
        let imapUIDs = uids.map { UInt32(clamping: $0) }
        try await executor.run {
            try session.with { connection in
                try connection.addFlags(["\\Seen", "$maildesk"], uids: imapUIDs)
                if let folder { try connection.move(uids: imapUIDs, to: folder) }
            }
        }
        let source = name
        try await ingest.database.writer.write { db in
            try IngestLedger.markServerDone(db, source: source, uidValidity: uidValidity, uids: uids)
        }
        logger.debug("flagged on server", metadata: ["imap.uids": "\(uids.count)"])
    }
}
