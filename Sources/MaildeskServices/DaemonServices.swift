import Foundation
import Logging
import ServiceLifecycle

/// `maildesk run`: polls the source every `poll_interval`; on SIGTERM the current message is finished,
/// the checkpoint is committed, and the loop ends.
struct PollerService: Service {
    let app: MaildeskApp
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let (report, _) = try await app.pollOnce(send: false, shouldStop: { Task.isShuttingDownGracefully })
                if report.fetched > 0 {
                    app.logger.info("poll done", metadata: ["poll.fetched": "\(report.fetched)",
                                                            "poll.new_tickets": "\(report.newTickets)",
                                                            "poll.quarantined": "\(report.quarantined)"])
                }
            } catch {
                app.logger.error("poll failed: \(error)")
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

/// `maildesk run`: delivers the outbox every few seconds, retrying with backoff.
struct OutboxService: Service {
    let app: MaildeskApp
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                _ = try await app.flushOutbox(shouldStop: { Task.isShuttingDownGracefully })
            } catch {
                app.logger.error("outbox flush failed: \(error)")
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

extension MaildeskApp {
    /// Runs the poller and the outbox sender until SIGTERM or SIGINT.
    public func runDaemon() async throws {
        let pollSeconds: Double
        switch configuration.source {
        case let .imap(mailboxes): pollSeconds = mailboxes.first?.pollInterval ?? 30
        case .maildir: pollSeconds = 30
        }
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: PollerService(app: self, interval: .milliseconds(Int(pollSeconds * 1000)))),
                .init(service: OutboxService(app: self, interval: .seconds(5))),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        logger.info("maildesk running", metadata: ["poll.interval_s": "\(pollSeconds)"])
        try await group.run()
    }
}
