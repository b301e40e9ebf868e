import Foundation
import Synchronization
import GRDB
import HelpdeskText
import Logging
import MaildeskStore

/// The ticket classifier the ingest pipeline uses: the newest stored model, loaded once and swapped
/// when a newer version appears. `refresh` asks the database for the version (one cheap query) and is
/// called once per poll, and once per `ingest` or `quarantine retry`.
public final class LiveClassifier: Sendable {
    private let current: Mutex<(version: Int64, classifier: TicketClassifier)?>
    private let logger: Logger
    /// `[classifier] threshold`; nil: the threshold stored with the model.
    public let threshold: Float?

    public init(threshold: Float? = nil, logger: Logger) {
        current = Mutex(nil)
        self.threshold = threshold
        self.logger = logger
    }

    public var version: Int64? { current.withLock { $0?.version } }

    /// Loads the newest model when its version is newer than the one in use. A model that cannot be
    /// read is logged and the one in use stays (or none: tickets then stay unclassified).
    public func refresh(_ database: MaildeskDatabase) {
        do {
            guard let newest = try database.read({ try ClassifierModelStore.latestVersion($0) }),
                  newest > (version ?? 0) else { return }
            guard let stored = try database.read({ try ClassifierModelStore.latest($0) }) else { return }
            let classifier = try TicketClassifier(decoding: stored.model)
            current.withLock { $0 = (stored.version, classifier) }
            logger.info("classifier loaded", metadata: ["classifier.version": "\(stored.version)",
                                                        "classifier.kind": "\(stored.kind)"])
        } catch {
            logger.warning("classifier not loaded", metadata: ["classifier.error": "\(error)"])
        }
    }

    /// Category (nil below the threshold) and priority of a new ticket's first text; nil without a model.
    public func classify(_ text: String) -> TicketClassifier.Prediction? {
        guard let classifier = current.withLock({ $0?.classifier }) else { return nil }
        return classifier.predict(text, threshold: threshold)
    }
}
