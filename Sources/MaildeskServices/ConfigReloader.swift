import Foundation
import MaildeskConfig

/// SIGHUP in `maildesk run`: re-reads and validates the config file, applies the keys that can change
/// live (``ConfigChanges``), re-reads the templates, and swaps the ``LiveSettings``. An invalid file or
/// an unreadable template changes nothing: the daemon keeps running with what it had.
public struct ConfigReloader: Sendable {
    public enum Outcome: Sendable {
        /// The new settings are in use; `changes.needRestart` lists keys that were not applied.
        case applied(ConfigChanges)
        /// Nothing changed; the error names file, line and key for a config mistake.
        case failed(any Error)
    }

    let settings: LiveSettings
    /// Called after new settings were applied (the knowledge base is then re-imported before the next poll).
    var onApplied: @Sendable () -> Void = {}
    /// Reads the config file again (`nil`: the configuration was built in memory, only templates reload).
    let load: (@Sendable () throws -> MaildeskConfiguration)?

    init(settings: LiveSettings, load: (@Sendable () throws -> MaildeskConfiguration)?) {
        self.settings = settings
        self.load = load
    }

    /// A reloader reading `configuration.configPath` with the process environment (secrets resolve as at start).
    init(settings: LiveSettings, configPath: String?) {
        self.init(settings: settings, load: configPath.map { path in
            { @Sendable () throws -> MaildeskConfiguration in try ConfigLoader.load(path: path) }
        })
    }

    public func reload() -> Outcome {
        let running = settings.snapshot.configuration
        do {
            let loaded = try load?() ?? running
            let changes = ConfigChanges.between(running, loaded)
            try settings.apply(ConfigChanges.applying(loaded, to: running))
            onApplied()
            return .applied(changes)
        } catch {
            return .failed(error)
        }
    }
}
