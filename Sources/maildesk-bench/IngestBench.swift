import ArgumentParser
import Foundation
import Logging
import MailTransport
import MaildeskConfig
import MaildeskServices

/// `maildesk-bench ingest --messages N`: delivers N generated customer mails (~25 KB, every fifth with
/// an attachment) to the test Dovecot, times one `poll --once --no-send` over them, and a bare per-UID
/// fetch of the same UIDs for comparison. Needs the test servers (`scripts/bench.sh` starts them).
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "IMAP ingest throughput against the test Dovecot.")

    @Option(help: "Number of messages.") var messages = 1000
    @Option(help: "Test server directory (servers.env).") var servers = ProcessInfo.processInfo.environment["MAILDESK_TEST_SERVERS"] ?? ".mailservers"

    struct Figures: Encodable {
        var messages: Int
        var seconds: Double
        var msgs_per_s: Double
        var fetch_only_seconds: Double
        /// CPU time (user + system) of this process during the poll: above `seconds`, more than one
        /// core was busy (the test Dovecot's own CPU is not counted).
        var cpu_seconds: Double
        /// CPU time all cores of the machine were busy during the poll (from /proc/stat, 10 ms
        /// ticks): this process, the test Dovecot and anything else. Near 2 × `seconds` on 2 cores
        /// means the poll is CPU-bound.
        var host_busy_seconds: Double
    }

    /// Busy and total CPU ticks of the machine (first line of /proc/stat).
    static func hostTicks() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 5 else { return 0 }
        // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait.
        return fields.reduce(0, +) - fields[3] - fields[4]
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    func run() async throws {
        Bench.quietLogging()
        let env = try BenchServers(directory: servers)
        let user = "bench-\(UInt32.random(in: 0...UInt32.max))@maildesk.test"
        let endpoint = MailEndpoint(url: "imaps://\(env.host):\(env.imapsPort)/INBOX", username: user,
                                    password: env.password, caFile: env.caFile)
        let logger = Logger(label: "bench")
        let appender = try IMAPConnection(endpoint: endpoint, logger: logger)
        for index in 0..<messages { try appender.append(MailGenerator.message(index: index, to: user)) }

        let state = NSTemporaryDirectory() + "maildesk-bench-\(UUID().uuidString)"
        let configuration = MaildeskConfiguration(
            configPath: nil, database: DatabaseConfig(path: state + "/maildesk.sqlite"),
            source: .imap([IMAPConfig(name: "imap", url: endpoint.url, username: user, password: env.password,
                                      caFile: env.caFile, allowInsecure: false, pollInterval: 30, processedFolder: nil)]),
            sink: .outbox(OutboxConfig(directory: state + "/outbox")),
            helpdesk: HelpdeskConfig(address: "support@maildesk.test", name: "Bench", subjectTag: "#",
                                     secretFile: state + "/secret", admin: nil, closedReply: .reopen,
                                     trustedAuthservID: nil, templates: nil, agents: []))
        let app = try MaildeskApp(configuration: configuration, logger: logger)
        let clock = ContinuousClock()
        var fetched = 0
        let cpuBefore = Self.cpuSeconds(), hostBefore = Self.hostTicks()
        let ingest = try await clock.measure {
            fetched = try await app.pollOnce(send: false).poll.fetched
        }
        let cpu = Self.cpuSeconds() - cpuBefore
        let hostBusy = (Self.hostTicks() - hostBefore) / Double(sysconf(Int32(_SC_CLK_TCK)))
        guard fetched == messages else { throw ValidationError("ingested \(fetched) of \(messages) messages") }

        let fetchOnly = try clock.measure {
            let connection = try IMAPConnection(endpoint: endpoint, logger: logger)
            let status = try connection.status()
            for uid in try connection.searchUIDs(from: 1) { _ = try connection.fetch(uid: uid, uidValidity: status.uidValidity) }
        }
        let seconds = ingest.seconds
        try BenchOutput.print(Figures(messages: messages, seconds: seconds, msgs_per_s: Double(messages) / seconds,
                                      fetch_only_seconds: fetchOnly.seconds, cpu_seconds: cpu, host_busy_seconds: hostBusy))
        try? FileManager.default.removeItem(atPath: state)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Reads `servers.env` written by scripts/mailservers.sh.
struct BenchServers {
    var host: String
    var imapsPort: Int
    var caFile: String
    var password: String

    init(directory: String) throws {
        guard let text = try? String(contentsOfFile: directory + "/servers.env", encoding: .utf8) else {
            throw ValidationError("no test mail servers at \(directory): run scripts/bench.sh (it starts them)")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        host = values["HOST"] ?? "127.0.0.1"
        imapsPort = Int(values["IMAPS_PORT"] ?? "") ?? 14993
        caFile = values["CA_FILE"] ?? directory + "/tls/ca.pem"
        password = values["PASSWORD"] ?? "secret"
    }
}
