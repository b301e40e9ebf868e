import Foundation
import Logging
import MaildeskConfig
import MaildeskServices
import Testing

/// `Doctor.startupFailed`: when maildesk cannot start (here: `secret_file` is a directory), doctor still
/// reports — a FAIL line with the reason and the local file checks — instead of stopping at the error.
@Suite struct DoctorStartupTests {
    @Test func secretFileThatIsADirectoryIsAFailLine() throws {
        let state = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: state + "/secret", withIntermediateDirectories: true)
        let configuration = TestSupport.configuration(state: state)
        var startError: (any Error)?
        do {
            _ = try MaildeskApp(configuration: configuration, logger: Logger(label: "test"))
        } catch {
            startError = error
        }
        let error = try #require(startError)
        let lines = Doctor.startupFailed(configuration, error: error).map(\.line)
        #expect(lines.contains("FAIL start: secret_file \(state)/secret is a directory"), "\(lines)")
        #expect(lines.contains("FAIL secret_file: \(state)/secret is a directory, not a file"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("ok file modes:") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("FAIL maildir:") && $0.contains("lacks readable cur, new") }, "\(lines)")
    }
}
