import Foundation
import GRDB
import Testing

/// `maildesk ingest` under an MTA's pipe: a failure that is not the message's fault exits 75 (EX_TEMPFAIL,
/// the MTA keeps the message and retries); a problem message is quarantined (exit 0). Postfix pipe(8)
/// bounces on 78 (EX_CONFIG), so ingest never uses it; the other commands still do.
@Suite(.serialized) struct PipeExitCodeCLITests {
    /// Another writer holds the database past the busy timeout: 75 with one line, then the retry stores it.
    /// With an empty WAL, opening the pool already needs the write lock (GRDB writes once to create the
    /// WAL); with frames in it, the ingest transaction is the one that waits.
    @Test(arguments: [false, true]) func lockedDatabaseDefersPipeDelivery(walHasFrames: Bool) throws {
        let site = try LocalSite()
        #expect(try site.run(["tickets", "list"]).status == 0)  // creates and migrates the database
        let message = LocalSite.mail(subject: "Delivered on the retry")
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true  // the write transaction outlives one database access
        let holder = try DatabaseQueue(path: site.database, configuration: unsafe)
        if walHasFrames {
            try holder.writeWithoutTransaction { try $0.execute(sql: "CREATE TABLE wal_frames(x); DROP TABLE wal_frames") }
        }
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        let started = Date()
        let deferred = try site.run(["ingest"], stdin: message)
        let waited = Date().timeIntervalSince(started)
        try holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        #expect(deferred.status == 75, "\(deferred.status) \(deferred.stderr)")
        let lines = LocalSite.lines(deferred.stderr)
        #expect(lines.count == 1, "\(deferred.stderr)")
        #expect(lines.first?.contains("database is locked") == true, "\(deferred.stderr)")
        #expect(waited < 20, "ingest waited \(waited) s for the database")

        let retried = try site.run(["ingest"], stdin: message)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("new ticket #1"), "\(retried.stdout)")
        let list = try site.run(["tickets", "list", "--json"])
        #expect(list.stdout.contains("Delivered on the retry"), "\(list.stdout)")
    }

    /// A config the admin broke: the other commands say 78, pipe delivery keeps the mail (75).
    @Test func brokenConfigDefersPipeDeliveryOnly() throws {
        let site = try LocalSite()
        try "[database\npath = 1\n".write(toFile: site.config, atomically: true, encoding: .utf8)
        let ingest = try site.run(["ingest"], stdin: LocalSite.mail())
        #expect(ingest.status == 75, "\(ingest.stderr)")
        #expect(LocalSite.lines(ingest.stderr).count == 1, "\(ingest.stderr)")
        #expect(ingest.stderr.contains(site.config), "\(ingest.stderr)")
        let list = try site.run(["tickets", "list"])
        #expect(list.status == 78, "\(list.stderr)")
    }

    /// A missing config file is the same class of mistake.
    @Test func missingConfigDefersPipeDelivery() throws {
        let site = try LocalSite()
        let missing = site.root + "/nowhere.toml"
        let ingest = try site.run(["ingest", "--config", missing], stdin: LocalSite.mail(), withConfig: false)
        #expect(ingest.status == 75, "\(ingest.stderr)")
        #expect(LocalSite.lines(ingest.stderr).count == 1, "\(ingest.stderr)")
        let list = try site.run(["tickets", "list", "--config", missing], withConfig: false)
        #expect(list.status == 78, "\(list.stderr)")
    }

    /// A database that cannot be opened (its directory is a file) is not the message's fault either.
    @Test func unopenableDatabaseDefersPipeDelivery() throws {
        let site = try LocalSite()
        try FileManager.default.createDirectory(atPath: site.root + "/state", withIntermediateDirectories: true)
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: site.root + "/state/db"))
        let ingest = try site.run(["ingest"], stdin: LocalSite.mail())
        #expect(ingest.status == 75, "\(ingest.stderr)")
        #expect(LocalSite.lines(ingest.stderr).count == 1, "\(ingest.stderr)")
        #expect(try site.run(["tickets", "list"]).status == 78)
    }

    /// The message's own problem (here: over `[limits] max_message_bytes`) is still quarantined, exit 0.
    @Test func problemMessageIsQuarantinedWithExit0() throws {
        let site = try LocalSite(extra: "\n[limits]\nmax_message_bytes = 100\n")
        let ingest = try site.run(["ingest"], stdin: LocalSite.mail())
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.hasPrefix("quarantined as "), "\(ingest.stdout)")
    }
}
