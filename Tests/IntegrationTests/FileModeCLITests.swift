import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Outside systemd's `UMask=0077` (here: umask 022 in the child) everything maildesk creates is private:
/// files 0600, directories 0700; `doctor` names any file that is wider.
@Suite(.serialized) struct FileModeCLITests {
    func octal(_ mode: mode_t?) -> String { mode.map { "0" + String($0, radix: 8) } ?? "missing" }

    func expectMode(_ path: String, _ mode: mode_t, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(octal(LocalSite.mode(path)) == octal(mode), "\(path)", sourceLocation: sourceLocation)
    }

    @Test func filesAreCreatedPrivateUnderUmask022() throws {
        let site = try LocalSite()
        try site.deliver(LocalSite.mail())
        let poll = try site.run(["poll", "--once"])
        #expect(poll.status == 0, "\(poll.stderr)")
        for directory in [site.root + "/state", site.root + "/state/db", site.outbox] { expectMode(directory, 0o700) }
        for file in [site.database, site.database + ".ingest.lock", site.database + ".send.lock", site.secret] {
            expectMode(file, 0o600)
        }
        let mails = try FileManager.default.contentsOfDirectory(atPath: site.outbox).filter { $0.hasSuffix(".eml") }
        #expect(mails.count == 1, "\(mails)")
        for mail in mails { expectMode(site.outbox + "/" + mail, 0o600) }

        // SQLite gives -wal and -shm the main file's mode (os_unix.c findCreateFileMode): open the
        // database here (umask 022 too) and write through maildesk while this connection keeps them.
        let reader = try DatabasePool(path: site.database)
        _ = try reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ticket") }
        let ingest = try site.run(["ingest"], stdin: LocalSite.mail(subject: "Second"))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        for suffix in ["-wal", "-shm"] { expectMode(site.database + suffix, 0o600) }
        try reader.close()

        let doctor = try site.run(["doctor"])
        #expect(!doctor.stdout.contains("FAIL"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("ok file modes:"), "\(doctor.stdout)")
    }

    @Test func backupAndRestoreArePrivateUnderUmask022() throws {
        let site = try LocalSite()
        #expect(try site.run(["ingest"], stdin: LocalSite.mail()).status == 0)
        let backup = site.root + "/backup.sqlite"
        let made = try site.run(["backup", backup])
        #expect(made.status == 0, "\(made.stderr)")
        expectMode(backup, 0o600)
        try FileManager.default.removeItem(atPath: site.database)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: site.database + suffix) }
        let restored = try site.run(["restore", backup])
        #expect(restored.status == 0, "\(restored.stderr)")
        expectMode(site.database, 0o600)
    }

    /// A database and a lock file made world-readable by hand: one FAIL line each, naming file and mode.
    @Test func doctorFlagsWiderModes() throws {
        let site = try LocalSite()
        try site.deliver(LocalSite.mail())
        #expect(try site.run(["poll", "--once"]).status == 0)
        chmod(site.database, 0o644)
        chmod(site.database + ".send.lock", 0o666)
        let mail = try #require(try FileManager.default.contentsOfDirectory(atPath: site.outbox).first)
        chmod(site.outbox + "/" + mail, 0o640)
        let doctor = try site.run(["doctor"])
        #expect(doctor.status == 1, "\(doctor.stdout)\(doctor.stderr)")
        let failing = LocalSite.lines(doctor.stdout).filter { $0.hasPrefix("FAIL ") }
        #expect(failing.contains { $0.contains(site.database + " has mode 0644") }, "\(doctor.stdout)")
        #expect(failing.contains { $0.contains(site.database + ".send.lock has mode 0666") }, "\(doctor.stdout)")
        #expect(failing.contains { $0.contains(site.outbox + "/" + mail + " has mode 0640") }, "\(doctor.stdout)")
        #expect(!failing.contains { $0.contains(".ingest.lock") }, "\(doctor.stdout)")
    }
}
