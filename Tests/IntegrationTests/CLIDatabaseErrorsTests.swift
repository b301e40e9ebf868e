import Foundation
import MaildeskTestSupport
import Testing

/// `[database] path` that cannot be opened: one line with the path and the OS reason, exit 78
/// (configuration), from every verb that opens the database.
@Suite struct CLIDatabaseErrorsTests {
    @Test(arguments: [["tickets", "list"], ["poll", "--once"], ["customers", "list"], ["backup", "b.sqlite"]])
    func aDatabaseUnderAFileIsAConfigurationError(_ arguments: [String]) throws {
        let site = try CLISite(database: "blocker/maildesk.sqlite")
        try Data("x".utf8).write(to: URL(fileURLWithPath: site.state + "/blocker"))
        let result = try site.run(arguments)
        #expect(result.status == 78, "\(arguments): \(result.stderr)")
        #expect(result.stderr == "maildesk: cannot open database \(site.state)/blocker/maildesk.sqlite: Not a directory\n")
    }

    @Test func aFolderInPlaceOfTheDatabase() throws {
        let site = try CLISite(database: "db")
        try FileManager.default.createDirectory(atPath: site.state + "/db", withIntermediateDirectories: true)
        let result = try site.run(["tickets", "list"])
        #expect(result.status == 78)
        #expect(result.stderr == "maildesk: cannot open database \(site.state)/db: Is a directory\n")
    }
}
