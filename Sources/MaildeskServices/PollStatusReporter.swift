import Foundation
import Logging
import MaildeskStore

/// After each poll of `maildesk run`: the `STATUS=` line for systemd (last poll time, mails fetched,
/// outbox depth) and, when `[metrics] textfile` is set, the Prometheus textfile.
struct PollStatusReporter: Sendable {
    let database: MaildeskDatabase
    let notifier: SystemdNotifier
    /// The `[metrics] textfile` writer in effect (it may change on SIGHUP).
    let metrics: @Sendable () -> MetricsWriter?
    let logger: Logger

    /// What happened in one poll: its report, or the error it failed with.
    enum Outcome {
        case done(PollReport)
        case failed(any Error)
    }

    /// Reports one finished poll. Never throws: a failure to report is logged.
    func pollFinished(_ outcome: Outcome, duration: Duration, fetchedSinceStart: Int, at end: Date = Date()) async {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        var depth: Int?
        do {
            if let metrics = metrics() {
                let snapshot = try await database.writer.read {
                    try MetricsSnapshot.read($0, pollDuration: seconds, lastPoll: end)
                }
                depth = snapshot.outboxDepth
                try metrics.write(snapshot)
            } else if notifier.isEnabled {
                depth = try await database.writer.read { try OutboxQueue.depth($0) }
            }
        } catch {
            logger.warning("cannot update metrics: \(error)")
        }
        guard notifier.isEnabled else { return }
        let line = Self.statusLine(outcome, at: end, fetchedSinceStart: fetchedSinceStart, outboxDepth: depth)
        notifier.log(logger) { try $0.status(line) }
    }

    /// e.g. `last poll 2026-11-25T11:40:02Z: 3 fetched (120 since start), 1 new tickets, 0 quarantined; outbox depth 2`.
    static func statusLine(_ outcome: Outcome, at end: Date, fetchedSinceStart: Int, outboxDepth: Int?) -> String {
        let time = ISO8601DateFormatter().string(from: end)
        let poll: String
        switch outcome {
        case let .done(report):
            poll = "last poll \(time): \(report.fetched) fetched (\(fetchedSinceStart) since start), "
                + "\(report.newTickets) new tickets, \(report.quarantined) quarantined"
        case let .failed(error):
            poll = "last poll \(time) failed: \(error)"
        }
        return poll + "; outbox depth " + (outboxDepth.map(String.init) ?? "unknown")
    }
}
