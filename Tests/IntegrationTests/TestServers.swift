import Foundation
import MailTransport

/// The private Dovecot + Postfix started by `scripts/mailservers.sh start` (see `make test`),
/// described by `<dir>/servers.env`. The directory comes from `MAILDESK_TEST_SERVERS`, else
/// `<repo>/.mailservers`. Missing servers are an error, never a skip.
struct TestServers: Sendable {
    struct NotRunning: Error, CustomStringConvertible {
        var description: String
    }

    var host: String
    var imapPort: Int
    var imapsPort: Int
    var smtpPort: Int
    var smtpsPort: Int
    var caFile: String
    var wrongCAFile: String
    var password: String
    var scriptPath: String
    /// All KEY=VALUE pairs of servers.env, for settings without a property.
    var values: [String: String]

    static func load() throws -> TestServers {
        let directory = ProcessInfo.processInfo.environment["MAILDESK_TEST_SERVERS"] ?? defaultDirectory()
        let file = directory + "/servers.env"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw NotRunning(description:
                "test mail servers are not running: run `make test` (scripts/mailservers.sh start); missing \(file)")
        }
        let values = parse(text)
        func value(_ key: String) throws -> String {
            guard let value = values[key], !value.isEmpty else {
                throw NotRunning(description: "\(file) has no \(key): restart the test mail servers (scripts/mailservers.sh start)")
            }
            return value
        }
        func port(_ key: String) throws -> Int {
            guard let port = Int(try value(key)) else { throw NotRunning(description: "\(file): \(key) is not a port") }
            return port
        }
        return TestServers(
            host: try value("HOST"), imapPort: try port("IMAP_PORT"), imapsPort: try port("IMAPS_PORT"),
            smtpPort: try port("SMTP_PORT"), smtpsPort: try port("SMTPS_PORT"), caFile: try value("CA_FILE"),
            wrongCAFile: try value("WRONG_CA_FILE"), password: try value("PASSWORD"), scriptPath: try value("SCRIPT"),
            values: values)
    }

    /// `<repo>/.mailservers`, with the repo found from this file's path (Tests/IntegrationTests/…).
    private static func defaultDirectory() -> String {
        let components = URL(fileURLWithPath: #filePath).pathComponents.dropLast(3)
        return NSString.path(withComponents: Array(components)) + "/.mailservers"
    }

    /// KEY=VALUE lines; blank lines and `#` comments ignored, surrounding quotes removed.
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var value = String(trimmed[trimmed.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[String(trimmed[..<equals])] = value
        }
        return values
    }

    /// A fresh address per call, so tests never see each other's mail.
    func uniqueAddress(_ prefix: String, domain: String = "maildesk.test") -> String {
        "\(prefix)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))@\(domain)"
    }

    /// IMAP endpoint logging in as `user` (the full address); implicit TLS (IMAPS) or STARTTLS.
    func imapEndpoint(user: String, implicitTLS: Bool = true, mailbox: String = "INBOX", caFile: String? = nil) -> MailEndpoint {
        let scheme = implicitTLS ? "imaps" : "imap"
        let port = implicitTLS ? imapsPort : imapPort
        let path = mailbox.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? mailbox
        return MailEndpoint(url: "\(scheme)://\(host):\(port)/\(path)", username: user, password: password,
                            caFile: caFile ?? self.caFile, timeoutSeconds: 20)
    }

    /// SMTP endpoint authenticating as `user`; STARTTLS on the submission port unless `implicitTLS`.
    func smtpEndpoint(user: String, implicitTLS: Bool = false) -> MailEndpoint {
        let url = implicitTLS ? "smtps://\(host):\(smtpsPort)" : "smtp://\(host):\(smtpPort)"
        return MailEndpoint(url: url, username: user, password: password, caFile: caFile, timeoutSeconds: 20)
    }

    /// Runs `scripts/mailservers.sh <verb>` (e.g. smtp-stop / smtp-start); throws on a non-zero exit.
    func runScript(_ verb: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: scriptPath)
        process.arguments = [verb]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NotRunning(description: "\(scriptPath) \(verb) exited \(process.terminationStatus): "
                + String(decoding: data, as: UTF8.self))
        }
    }
}
