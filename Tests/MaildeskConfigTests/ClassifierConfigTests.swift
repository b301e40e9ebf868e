import Foundation
import Testing
@testable import MaildeskConfig

@Suite struct ClassifierConfigTests {
    @Test func thresholdIsOptionalAndRead() throws {
        let none = try ConfigLoader.parse(ConfigFixture.minimal, path: nil, environment: [:])
        #expect(none.classifier.threshold == nil)
        let set = try ConfigLoader.parse(ConfigFixture.minimal(extra: "[classifier]\nthreshold = 0.7"), path: nil, environment: [:])
        #expect(set.classifier.threshold == 0.7)
    }

    @Test(arguments: [
        ("[classifier]\nthreshold = 1.5", "[classifier] threshold: must be between 0.0 and 1.0"),
        ("[classifier]\nthreshhold = 0.5", "unknown key [classifier] threshhold"),
    ])
    func mistakesNameKeyAndLine(_ extra: String, _ fragment: String) {
        let error = #expect(throws: ConfigError.self) {
            _ = try ConfigLoader.parse(ConfigFixture.minimal(extra: extra), path: "/etc/m.toml", environment: [:])
        }
        #expect(error?.description.contains(fragment) == true, "\(String(describing: error))")
        #expect(error?.description.contains("/etc/m.toml:14") == true, "\(String(describing: error))")
    }
}
