import Testing
@testable import MaildeskConfig

/// `[limits] breaker_duration` (docs/admin-guide.md): how long an address that tripped a limit gets no
/// automatic mail; the duration syntax of the other durations.
@Suite struct BreakerDurationConfigTests {
    @Test func defaultsToADayAndReadsDurations() throws {
        let defaults = try ConfigLoader.parse(ConfigFixture.minimal, path: nil, environment: [:])
        #expect(defaults.limits.breakerDuration == 86_400)
        for (text, seconds) in [("\"2h\"", 7200.0), ("\"90m\"", 5400), ("\"1d12h\"", 129_600), ("600", 600)] {
            let set = try ConfigLoader.parse(ConfigFixture.minimal(extra: "[limits]\nbreaker_duration = \(text)\n"),
                                             path: nil, environment: [:])
            #expect(set.limits.breakerDuration == seconds, "\(text)")
        }
    }

    @Test(arguments: ["\"soon\"", "\"0s\"", "true"])
    func badValueNamesFileLineAndKey(_ value: String) throws {
        let text = ConfigFixture.minimal(extra: "[limits]\nundeliverable_days = 30\nbreaker_duration = \(value)\n")
        let error = try #require(ConfigFixture.error(text, environment: [:]))
        #expect(error.key == "limits.breaker_duration")
        #expect(error.line == 15)
        #expect(error.description.hasPrefix("/etc/maildesk/maildesk.toml:15: [limits] breaker_duration"), "\(error.description)")
    }

    /// A reload applies it (not a restart-only key).
    @Test func reloadableKey() throws {
        let running = try ConfigLoader.parse(ConfigFixture.minimal, path: nil, environment: [:])
        var loaded = running
        loaded.limits.breakerDuration = 3600
        #expect(ConfigChanges.between(running, loaded) == ConfigChanges(live: ["[limits] breaker_duration"]))
    }
}
