import Foundation
import MaildeskStore
import Testing

/// A database that cannot be opened names its path and why — the OS reason when the file or its folder
/// is the problem, else SQLite's — never a bare "SQLite error 14: unable to open database file".
@Suite struct DatabaseOpenErrorTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "maildesk-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func failure(_ path: String) -> String? {
        do {
            _ = try MaildeskDatabase(path: path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aFileWhereAFolderShouldBe() throws {
        let root = try Self.folder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/blocker"))
        let path = root + "/blocker/db/maildesk.sqlite"
        #expect(Self.failure(path) == "cannot open database \(path): Not a directory")
    }

    @Test func aFolderWhereTheFileShouldBe() throws {
        let path = try Self.folder() + "/maildesk.sqlite"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(Self.failure(path) == "cannot open database \(path): Is a directory")
    }

    @Test func aFileThatIsNoDatabase() throws {
        let path = try Self.folder() + "/maildesk.sqlite"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let message = try #require(Self.failure(path))
        #expect(message.hasPrefix("cannot open database \(path): "), "\(message)")
        #expect(message.contains("file is not a database"), "\(message)")
    }
}
