import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `secret_file` that cannot be used (a directory, a dangling symlink, unreadable, a FIFO) is a
/// configuration error: exit 78 and one line naming the file and why, for every command, `doctor`
/// too — never a crash. Pipe delivery (`ingest`) exits 75 instead, so the MTA keeps the message.
@Suite(.serialized) struct SecretFileCLITests {
    /// Runs `tickets list`, `doctor` and `ingest` against `site` and checks the codes and the one line.
    func expectRefused(_ site: LocalSite, path: String, reason: String, prefix: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (arguments, code) in [(["tickets", "list"], Int32(78)), (["doctor"], 78), (["ingest"], 75)] {
            let result = try site.run(arguments, stdin: LocalSite.mail(), prefix: prefix)
            #expect(result.status == code, "\(arguments): \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
            let lines = LocalSite.lines(result.stderr)
            #expect(lines.count == 1, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(lines.first?.hasPrefix("maildesk: ") == true, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(lines.first?.contains(path) == true, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(lines.first?.contains(reason) == true, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func secretFileThatIsADirectoryExits78() throws {
        let directory = NSTemporaryDirectory() + "maildesk-secret-dir-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let site = try LocalSite(secretFile: directory)
        try expectRefused(site, path: directory, reason: "is a directory")
    }

    @Test func secretFileThatIsADanglingSymlinkExits78() throws {
        let link = NSTemporaryDirectory() + "maildesk-secret-link-" + UUID().uuidString
        let target = "/nonexistent/maildesk-" + UUID().uuidString
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let site = try LocalSite(secretFile: link)
        try expectRefused(site, path: link, reason: "dangling symbolic link to \(target)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// As root every file is readable: the child runs without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.
    @Test func unreadableSecretFileExits78() throws {
        let path = NSTemporaryDirectory() + "maildesk-secret-" + UUID().uuidString
        try (String(repeating: "ab", count: 32) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0)
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] : []
        let site = try LocalSite(secretFile: path)
        try expectRefused(site, path: path, reason: "Permission denied", prefix: prefix)
    }

    /// A FIFO would block a plain open(2) for reading forever.
    @Test func secretFileThatIsAFIFOExits78() throws {
        let path = NSTemporaryDirectory() + "maildesk-secret-fifo-" + UUID().uuidString
        #expect(mkfifo(path, 0o600) == 0)
        let site = try LocalSite(secretFile: path)
        try expectRefused(site, path: path, reason: "not a regular file")
    }

    /// The good case still works: a missing secret is created (mode 0600) and reused.
    @Test func missingSecretFileIsCreatedOnce() throws {
        let site = try LocalSite()
        let first = try site.run(["tickets", "list"])
        #expect(first.status == 0, "\(first.stderr)")
        let secret = try String(contentsOfFile: site.secret, encoding: .utf8)
        #expect(secret.count == 65)
        #expect(LocalSite.mode(site.secret) == 0o600)
        #expect(try site.run(["tickets", "list"]).status == 0)
        #expect(try String(contentsOfFile: site.secret, encoding: .utf8) == secret)
    }
}
