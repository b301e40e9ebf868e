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
