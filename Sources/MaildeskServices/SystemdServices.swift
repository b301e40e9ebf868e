import Foundation
import Logging
import ServiceLifecycle

/// Tells systemd `READY=1` when the daemon's services run and `STOPPING=1` as soon as a graceful
/// shutdown (SIGTERM/SIGINT) starts. It is the last service of the group, so the service group
/// shuts it down first (services stop in reverse order).
///
/// - SeeAlso: sd_notify(3) `READY=1`, `STOPPING=1`.
struct NotifyService: Service {
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        notifier.log(logger) { try $0.ready(status: "running; first poll under way") }
        // Returns when the group shuts down gracefully; throws when it is cancelled.
        try? await gracefulShutdown()
        notifier.log(logger) { try $0.stopping(status: "stopping: finishing the current message") }
    }
}

/// Sends `WATCHDOG=1` every `interval` (half of `WatchdogSec=`). It is the first service of the
/// group, so it keeps pinging until the others have finished their graceful shutdown.
///
/// - SeeAlso: sd_notify(3) `WATCHDOG=1`, sd_watchdog_enabled(3).
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled {
            notifier.log(logger) { try $0.watchdog() }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}

/// SIGHUP (`systemctl reload`): re-reads the configuration and the templates without a restart
/// (``ConfigReloader``), telling systemd `RELOADING=1` (with `MONOTONIC_USEC=`) before and `READY=1`
/// after. A config file that does not validate is logged as one line (file, line, key) and the daemon
/// keeps its settings; changed keys that need a restart are logged as one warning.
///
/// - SeeAlso: sd_notify(3) `RELOADING=1`, systemd.service(5) `ExecReload=`.
struct ReloadService: Service {
    let trap: SignalTrap
    let reloader: ConfigReloader
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        for await _ in trap.signals.cancelOnGracefulShutdown() {
            reload()
        }
    }

    func reload() {
        notifier.log(logger) { try $0.reloading(status: "reloading configuration") }
        switch reloader.reload() {
        case let .applied(changes):
            let snapshot = reloader.settings.snapshot
            logger.info("reloaded", metadata: [
                "config.file": "\(snapshot.configuration.configPath ?? "(in memory)")",
                "config.changed": "\(changes.live.isEmpty ? "none" : changes.live.joined(separator: ", "))",
                "templates": "\(snapshot.configuration.helpdesk.templates ?? "built-in")",
            ])
            var status = "reloaded configuration"
            if !changes.needRestart.isEmpty {
                let keys = changes.needRestart.joined(separator: ", ")
                logger.warning("changed keys not applied, they need systemctl restart maildesk: \(keys)")
                status += "; restart needed for \(keys)"
            }
            notifier.log(logger) { try $0.ready(status: status) }
        case let .failed(error):
            logger.error("reload failed, keeping the configuration in use: \(error)")
            notifier.log(logger) { try $0.ready(status: "reload failed, configuration unchanged: \(error)") }
        }
    }
}

extension SystemdNotifier {
    /// Runs one notification; a failure is logged (systemd may be gone during shutdown) and ignored.
    func log(_ logger: Logger, _ body: (SystemdNotifier) throws -> Void) {
        do {
            try body(self)
        } catch {
            logger.warning("sd_notify failed: \(error)")
        }
    }
}
