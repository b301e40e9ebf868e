import Foundation
import MaildeskServices
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `SecretKey.loadOrCreate`: every path that cannot hold the key fails once, with the path and the reason
/// (it used to recurse until the stack overflowed); a missing file is created 0600, once, even by racers.
@Suite struct SecretKeyTests {
    func expectFailure(_ path: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SecretKey.loadOrCreate(path: path)
            Issue.record("loaded \(path)", sourceLocation: sourceLocation)
        } catch {
            let text = String(describing: error)
            #expect(text.contains(path) && text.contains(reason), "\(text)", sourceLocation: sourceLocation)
            #expect(!text.contains("\n"), "\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func directoryIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        expectFailure(directory, "is a directory")
    }

    @Test func danglingSymlinkIsRefusedAndNotCreatedThrough() throws {
        let link = try TestSupport.temporaryDirectory() + "/secret"
        let target = try TestSupport.temporaryDirectory() + "/target"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        expectFailure(link, "dangling symbolic link to \(target)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func parentThatIsAFileIsRefused() throws {
        let file = try TestSupport.temporaryDirectory() + "/plain"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        expectFailure(file + "/secret", "Not a directory")
    }

    @Test func shortOrMalformedKeyIsRefused() throws {
        let path = try TestSupport.temporaryDirectory() + "/secret"
        try "abcd\n".write(toFile: path, atomically: true, encoding: .utf8)
        expectFailure(path, "at least 32 hex digits")
    }

    @Test func symlinkToARealKeyIsFollowed() throws {
        let directory = try TestSupport.temporaryDirectory()
        let key = String(repeating: "0123456789abcdef", count: 4)
        try (key + "\n").write(toFile: directory + "/real", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory + "/secret", withDestinationPath: directory + "/real")
        #expect(try SecretKey.loadOrCreate(path: directory + "/secret").count == 32)
    }

    /// Many processes starting at once (here: tasks) all end up with the one key written to disk, and no
    /// reader ever sees a half-written file.
    @Test func racingCreatorsAgreeOnOneKey() async throws {
        let path = try TestSupport.temporaryDirectory() + "/new/dir/secret"
        let keys = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<16 { group.addTask { try SecretKey.loadOrCreate(path: path) } }
            return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
        }
        #expect(Set(keys).count == 1)
        #expect(keys.first?.count == 32)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat((path as NSString).deletingLastPathComponent, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["secret"], "\(leftovers)")
    }
}
