import Foundation
import Logging
import ServiceLifecycle

/// `maildesk run`: polls the source every `poll_interval` (read after each poll, so a reload applies to
/// the next wait); on SIGTERM the current message is finished, the checkpoint is committed, and the loop
/// ends. After each poll it reports systemd's `STATUS=` line and rewrites the metrics textfile.
struct PollerService: Service {
    let app: MaildeskApp
    let reporter: PollStatusReporter

    func run() async throws {
        var fetchedSinceStart = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let clock = ContinuousClock()
            let started = clock.now
            let outcome: PollStatusReporter.Outcome
            do {
                let (report, _) = try await app.pollOnce(send: false, shouldStop: { Task.isShuttingDownGracefully })
                fetchedSinceStart += report.fetched
                outcome = .done(report)
                if report.fetched > 0 {
                    app.logger.info("poll done", metadata: ["poll.fetched": "\(report.fetched)",
                                                            "poll.new_tickets": "\(report.newTickets)",
                                                            "poll.quarantined": "\(report.quarantined)"])
                }
            } catch {
                outcome = .failed(error)
                app.logger.error("poll failed: \(error)")
            }
            await reporter.pollFinished(outcome, duration: started.duration(to: clock.now),
                                        fetchedSinceStart: fetchedSinceStart)
            let interval = app.settings.snapshot.pollInterval
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
    /// Runs the poller and the outbox sender until SIGTERM or SIGINT, speaking systemd's notify
    /// protocol when `$NOTIFY_SOCKET` is set (READY, STATUS, WATCHDOG, RELOADING, STOPPING) and
    /// reloading the configuration and templates on SIGHUP.
    ///
    /// Services stop in reverse order: systemd hears `STOPPING=1` first, the watchdog pings last.
    public func runDaemon(notifier: SystemdNotifier = SystemdNotifier()) async throws {
        let settings = self.settings
        let reporter = PollStatusReporter(database: database, notifier: notifier,
                                          metrics: { settings.snapshot.metrics }, logger: logger)
        // Catch SIGHUP before READY=1, so `systemctl reload` right after start cannot kill the daemon.
        let hangup = await SignalTrap.trap(SIGHUP)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let interval = notifier.watchdogInterval, notifier.isEnabled {
            services.append(.init(service: WatchdogService(notifier: notifier, interval: interval, logger: logger)))
        }
        services += [
            .init(service: PollerService(app: self, reporter: reporter)),
            .init(service: OutboxService(app: self, interval: .seconds(5))),
            .init(service: ReloadService(trap: hangup, reloader: reloader, notifier: notifier, logger: logger)),
            .init(service: NotifyService(notifier: notifier, logger: logger)),
        ]
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        if source == nil {
            logger.notice("no mail source configured: pipe delivery only (`maildesk ingest`); the outbox and timers run")
        }
        logger.info("maildesk running", metadata: ["poll.interval": "\(settings.snapshot.pollInterval)",
                                                   "systemd.notify": "\(notifier.isEnabled)"])
        try await group.run()
    }
}
