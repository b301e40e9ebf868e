import Foundation

/// Admin operations on the wired app (`quarantine retry|drop`, `replay`, `backup`), taking the same
/// ingest lock as `poll`/`ingest` where they write ticket state.
extension MaildeskApp {
    /// Re-ingests quarantined message `id` now, with the current configuration (e.g. a raised limit).
    public func retryQuarantined(id: Int64) async throws -> QuarantineActions.RetryOutcome {
        let actions = QuarantineActions(ingest: ingest)
        refreshModels()
        return try await ingestLock.withLock(timeout: 120) { try await actions.retry(id: id) }
    }

    /// Marks quarantined message `id` as dropped (its raw bytes stay until retention).
    public func dropQuarantined(id: Int64) async throws -> QuarantineActions.DropOutcome {
        try await QuarantineActions(ingest: ingest).drop(id: id)
    }

    /// Re-parses the stored raw mail of entries in place; `ids` nil means every replayable entry.
    public func replay(_ ids: [Int64]?, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws
        -> [EntryReplayer.Outcome] {
        let replayer = EntryReplayer(ingest: ingest)
        return try await ingestLock.withLock(timeout: 120) {
            let targets: [Int64]
            if let ids { targets = ids } else { targets = try await replayer.allEntryIDs() }
            return try await replayer.replay(targets, progress: progress)
        }
    }

    /// Online backup of the database into `file` (consistent while ingest runs), verified afterwards.
    public func backup(to file: String, force: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) throws
        -> DatabaseBackup.BackupReport {
        let report = try DatabaseBackup.backup(database, to: file, force: force, progress: progress)
        logger.notice("database backed up", metadata: ["backup.file": "\(file)", "backup.bytes": "\(report.bytes)"])
        return report
    }
}
