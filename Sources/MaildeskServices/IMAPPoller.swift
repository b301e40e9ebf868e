import Foundation
import GRDB
import Logging
import MailTransport
import MaildeskStore
import Synchronization

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
    /// Whether `processedFolder` was created (or found) on the server by this poller.
    let folderReady = Mutex(false)

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

    /// Fetches and ingests `batch` as a pipeline: while group k is written (one transaction, a savepoint
    /// per message, the checkpoint in the same transaction), group k+1 is fetched on the IMAP thread and
    /// then hashed, parsed and trimmed on the concurrency pool. A group ends after `groupSize` messages
    /// or `groupBytes` bytes, so at most two groups are in memory.
    func ingestBatch(_ batch: [UInt32], uidValidity: UInt32, report: inout PollReport,
                     shouldStop: @escaping @Sendable () -> Bool) async throws -> [Int64] {
        let source = name
        // One configuration for the whole batch, even when SIGHUP swaps it meanwhile.
        let ingest = self.ingest.pinned()
        var done: [Int64] = []
        var remaining = batch[...]
        var next: Task<[(UInt32, PreparedMessage)], Error>? = fetchGroup(remaining, uidValidity: uidValidity, ingest: ingest)
        while let current = next {
            let group = try await current.value
            remaining = remaining.dropFirst(group.count)
            next = remaining.isEmpty || shouldStop() ? nil : fetchGroup(remaining, uidValidity: uidValidity, ingest: ingest)
            guard let last = group.last?.0 else { break }
            let items = group.map {
                (origin: MessageOrigin(source: source, uidValidity: Int64(uidValidity), uid: Int64($0.0)), prepared: $0.1)
            }
            let results = try await ingest.ingestPrepared(items) { db in
                try IngestLedger.saveCheckpoint(db, source: source, uidValidity: Int64(uidValidity),
                                                lastUid: Int64(last), now: Date())
            }
            for result in results { report.add(result) }
            done += group.map { Int64($0.0) }
        }
        return done
    }

    static let groupSize = 64
    static let groupBytes = 32 << 20

    func fetchGroup(_ uids: ArraySlice<UInt32>, uidValidity: UInt32, ingest: IngestService) -> Task<[(UInt32, PreparedMessage)], Error> {
        let session = self.session
        let wanted = Array(uids.prefix(Self.groupSize))
        return Task { [executor] in
            let fetched = try await executor.run {
                try session.with { connection in
                    var group: [(UInt32, [UInt8])] = []
                    var bytes = 0
                    for uid in wanted where bytes < Self.groupBytes {
                        let raw = try connection.fetch(uid: uid, uidValidity: uidValidity)
                        bytes += raw.count
                        group.append((uid, raw))
                    }
                    return group
                }
            }
            let prepared = await ingest.prepareAll(fetched.map(\.1))
            return Array(zip(fetched.map(\.0), prepared))
        }
    }

    /// Flags the committed UIDs and moves them; then records that the server side is done.
    func finishOnServer(_ uids: [Int64], uidValidity: Int64) async throws {
        guard !uids.isEmpty else { return }
        let session = self.session
        let folder = processedFolder
        let imapUIDs = uids.map { UInt32(clamping: $0) }
        let ensureFolder = !folderReady.withLock { $0 }
        try await executor.run {
            try session.with { connection in
                try connection.addFlags(["\\Seen", "$maildesk"], uids: imapUIDs)
                if let folder {
                    // A missing folder would fail every MOVE and, with it, every later poll.
                    if ensureFolder { try connection.createMailbox(folder) }
                    try connection.move(uids: imapUIDs, to: folder)
                }
            }
        }
        folderReady.withLock { $0 = true }
        let source = name
        try await ingest.database.writer.write { db in
            try IngestLedger.markServerDone(db, source: source, uidValidity: uidValidity, uids: uids)
        }
        logger.debug("flagged on server", metadata: ["imap.uids": "\(uids.count)"])
    }
}
