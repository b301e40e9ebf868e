import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A Maildir entry that is not a regular file — a symbolic link (to /etc/hostname, or to a mail outside
/// the Maildir), a FIFO, a directory — is refused: not read, not ingested, not quarantined, left where it
/// is, and reported (a warning per poll naming it; a FAIL line in `doctor`).
@Suite(.serialized) struct MaildirSymlinkCLITests {
    @Test(.timeLimit(.minutes(1))) func symlinksAndSpecialFilesAreRefusedAndReported() throws {
        let site = try LocalSite()
        try site.deliver(LocalSite.mail(subject: "The real one"))
        let outside = site.root + "/outside.eml"
        try Data(LocalSite.mail(subject: "Read from outside")).write(to: URL(fileURLWithPath: outside))
        let linkToMail = site.maildir + "/new/1800000001.Mlink.test"
        let linkToEtc = site.maildir + "/cur/1800000002.Metc.test:2,S"
        try FileManager.default.createSymbolicLink(atPath: linkToMail, withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: linkToEtc, withDestinationPath: "/etc/hostname")
        let fifo = site.maildir + "/new/1800000003.Mfifo.test"
        #expect(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: site.maildir + "/new/1800000004.Mdir.test", withIntermediateDirectories: false)

        for round in 1...2 {
            let poll = try site.run(["poll", "--once"])
            #expect(poll.status == 0, "\(poll.stderr)")
            #expect(poll.stdout.hasPrefix(round == 1 ? "fetched 1:" : "fetched 0:"), "\(poll.stdout)")
            let warning = try #require(LocalSite.lines(poll.stderr).first { $0.contains("refused") }, "\(poll.stderr)")
            #expect(warning.contains("4 Maildir entries refused"), "\(warning)")
            for name in ["new/1800000001.Mlink.test (symbolic link)", "cur/1800000002.Metc.test:2,S (symbolic link)",
                         "new/1800000003.Mfifo.test (FIFO)", "new/1800000004.Mdir.test (directory)"] {
                #expect(warning.contains(name), "\(name) not in \(warning)")
            }
        }

        let database = try DatabaseQueue(path: site.database)
        let (tickets, records, quarantined) = try database.read { db in
            (try String.fetchAll(db, sql: "SELECT subject FROM ticket"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_record") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? -1)
        }
        #expect(tickets == ["The real one"])
        #expect(records == 1 && quarantined == 0)
        // Left alone: the links still point where they did, the target is untouched.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linkToMail) == outside)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linkToEtc) == "/etc/hostname")
        #expect(FileManager.default.fileExists(atPath: outside))

        let doctor = try site.run(["doctor"])
        #expect(doctor.status == 1, "\(doctor.stdout)")
        let line = try #require(LocalSite.lines(doctor.stdout).first { $0.hasPrefix("FAIL maildir:") }, "\(doctor.stdout)")
        #expect(line.contains("4 entries refused") && line.contains("new/1800000001.Mlink.test (symbolic link)"), "\(line)")
    }
}
