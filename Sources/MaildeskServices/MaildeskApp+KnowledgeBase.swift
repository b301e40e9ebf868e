import Foundation
import Synchronization
import HelpdeskKB
import Logging
import MaildeskStore

extension MaildeskApp {
    /// Search over the index in this database, with category agreement from the stored classifier.
    public func knowledgeBase() -> KnowledgeBase {
        let classifier = self.classifier
        classifier.refresh(database)
        return KnowledgeBase(predictCategory: { classifier.classify($0)?.category })
    }

    public struct NoKBDirectory: Error, CustomStringConvertible {
        public var description: String { "no knowledge-base directory: give one (kb import DIR) or set [kb] directory" }
    }

    /// Imports `directory` (default `[kb] directory`) into the index: idempotent, changed articles
    /// re-indexed, deleted ones removed, calibration refitted from its `calibration.csv`.
    public func importKnowledgeBase(directory: String? = nil) throws -> KnowledgeBase.ImportReport {
        guard let path = directory ?? configuration.kb.directory else { throw NoKBDirectory() }
        let report = try knowledgeBase().importDirectory(KBDirectory(path: path), into: database.writer)
        logger.info("knowledge base imported", metadata: [
            "kb.directory": "\(path)", "kb.articles": "\(report.articles)", "kb.added": "\(report.sync.added.count)",
            "kb.updated": "\(report.sync.updated.count)", "kb.removed": "\(report.sync.removed.count)",
        ])
        return report
    }

    /// Imports `[kb] directory` once at the first poll and after each reload. A broken article is
    /// logged (file and reason) and the index in use stays as it was.
    func importKnowledgeBaseIfStale() {
        guard knowledgeBaseStale.take() else { return }
        guard configuration.kb.directory != nil else { return }
        do {
            _ = try importKnowledgeBase()
        } catch {
            logger.error("knowledge base not imported: \(error)")
        }
    }
}

/// Set at start and by every applied reload; the next poll takes it and imports `[kb] directory`.
final class KnowledgeBaseStaleFlag: Sendable {
    private let stale = Mutex(true)
    func set() { stale.withLock { $0 = true } }
    /// True once after each `set()`.
    func take() -> Bool { stale.withLock { value in defer { value = false }; return value } }
}
