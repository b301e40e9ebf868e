import Foundation
import GRDB
import HelpdeskInsight
import Logging
import MaildeskStore
import Synchronization

/// The due estimate in use: fitted on the closed tickets at most once an hour (checked once per poll,
/// like the classifier), so new tickets get a `due_at` and agents' notifications an expected time.
public final class LiveDueEstimator: Sendable {
    private let state: Mutex<(estimator: DueEstimator?, fittedAt: Date?)>
    private let logger: Logger
    static let refitSeconds = 3600.0

    public init(logger: Logger) {
        state = Mutex((nil, nil))
        self.logger = logger
    }

    public var current: DueEstimator? { state.withLock { $0.estimator } }

    /// Refits when the last fit is older than an hour (or `force`). Errors are logged; the estimate in
    /// use stays.
    public func refresh(_ database: MaildeskDatabase, now: Date, force: Bool = false) {
        if !force, let fitted = state.withLock({ $0.fittedAt }), now.timeIntervalSince(fitted) < Self.refitSeconds { return }
        do {
            let estimator = Self.fit(try database.read { try DueQueries.closedTickets($0) })
            state.withLock { $0 = (estimator, now) }
            if let estimator {
                logger.info("due estimate fitted", metadata: ["due.samples": "\(estimator.samples)",
                                                              "due.mae_hours": "\(estimator.maeHours.map { String(format: "%.1f", $0) } ?? "-")"])
            }
        } catch {
            logger.warning("due estimate not fitted", metadata: ["due.error": "\(error)"])
        }
    }

    public static func fit(_ closed: [DueQueries.ClosedTicket]) -> DueEstimator? {
        DueEstimator.fit(closed.map {
            DueSample(features: DueFeatures(category: $0.category, priority: $0.priority, textLength: $0.textLength,
                                            priorTickets: $0.priorTickets, createdAt: $0.createdAt),
                      resolutionHours: max(0, $0.closedAt.timeIntervalSince($0.createdAt)) / 3600)
        })
    }
}
