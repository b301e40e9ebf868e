import Foundation
import Testing
@testable import MaildeskConfig

@Suite struct SameSubjectConfigTests {
    @Test func defaultsToOffAndReadsDays() throws {
        let off = try ConfigLoader.parse(ConfigFixture.minimal, path: nil, environment: [:])
        #expect(off.helpdesk.sameSubjectDays == 0)
        let on = try ConfigLoader.parse(ConfigFixture.minimal(helpdesk: "same_subject_days = 7"), path: nil, environment: [:])
        #expect(on.helpdesk.sameSubjectDays == 7)
    }

    @Test func negativeDaysNameTheKey() {
        let error = #expect(throws: ConfigError.self) {
            _ = try ConfigLoader.parse(ConfigFixture.minimal(helpdesk: "same_subject_days = -1"), path: "/etc/m.toml", environment: [:])
        }
        #expect(error?.description.contains("same_subject_days") == true)
    }
}

@Suite struct RateLimitConfigTests {
    @Test func tiersDefaultToTheAnchorsAndCanBeSet() throws {
        let defaults = try ConfigLoader.parse(ConfigFixture.minimal, path: nil, environment: [:])
        #expect(defaults.limits.autoRepliesPerAddress.first == RateLimitTier(max: 30, seconds: 600))
        #expect(defaults.limits.undeliverableDays == 60)
        let set = try ConfigLoader.parse(ConfigFixture.minimal(extra: """
            [limits]
            auto_replies_per_address = ["5/1m", "20/1h"]
            auto_replies_per_ticket_address = ["3/10m"]
            undeliverable_days = 30
            """), path: nil, environment: [:])
        #expect(set.limits.autoRepliesPerAddress == [RateLimitTier(max: 5, seconds: 60), RateLimitTier(max: 20, seconds: 3600)])
        #expect(set.limits.autoRepliesPerTicketAddress == [RateLimitTier(max: 3, seconds: 600)])
        #expect(set.limits.undeliverableDays == 30)
    }

    @Test func badTierNamesTheKeyAndLine() {
        let error = #expect(throws: ConfigError.self) {
            _ = try ConfigLoader.parse(ConfigFixture.minimal(extra: "[limits]\nauto_replies_per_address = [\"five per minute\"]"),
                                       path: "/etc/m.toml", environment: [:])
        }
        #expect(error?.description.contains("auto_replies_per_address") == true)
        #expect(error?.line != nil)
    }
}
