import Foundation
import MailTransport

/// The test OAuth 2.0 server started with the mail servers (scripts/oauth2-server.py), from the OAUTH2_*
/// keys of servers.env. Grants are seeded and the refuse-all switch flipped through its state directory.
struct OAuth2TestServer: Sendable {
    var tokenURL: String
    var clientID: String
    var clientSecret: String
    var stateDirectory: String
    /// Addresses in this domain log in to Dovecot and Postfix with XOAUTH2 only.
    var domain: String
    var logDirectory: String

    init(_ servers: TestServers) throws {
        if let reason = servers.values["OAUTH2_UNAVAILABLE"] {
            throw TestServers.NotRunning(description: "the test OAuth2 server is not running: \(reason) (install python3, "
                + "then restart the test mail servers)")
        }
        func value(_ key: String) throws -> String {
            guard let value = servers.values[key], !value.isEmpty else {
                throw TestServers.NotRunning(description:
                    "servers.env has no \(key): restart the test mail servers (scripts/mailservers.sh start)")
            }
            return value
        }
        tokenURL = try value("OAUTH2_TOKEN_URL")
        clientID = try value("OAUTH2_CLIENT_ID")
        clientSecret = try String(contentsOfFile: value("OAUTH2_CLIENT_SECRET_FILE"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        stateDirectory = try value("OAUTH2_STATE_DIR")
        domain = try value("OAUTH2_DOMAIN")
        logDirectory = try value("LOG_DIR")
    }

    /// Seeds a grant for `username` as the server's state file `refresh/<token>`; returns the refresh token.
    func seedGrant(username: String, expiresIn: Int? = nil) throws -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let token = "seed-" + String((0..<40).map { _ in alphabet.randomElement()! })
        var record: [String: Any] = ["username": username]
        if let expiresIn { record["expires_in"] = expiresIn }
        let path = stateDirectory + "/refresh/" + token
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: path + ".tmp"))
        _ = rename(path + ".tmp", path)
        return token
    }

    /// A private directory with a refresh token file (0600) holding `token`.
    func refreshTokenFile(holding token: String) throws -> String {
        let directory = NSTemporaryDirectory() + "maildesk-oauth2-it-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let file = directory + "/refresh-token"
        try (token + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        return file
    }

    /// Removes the directory `refreshTokenFile(holding:)` made.
    func discard(_ file: String) {
        try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent)
    }

    func configuration(file: String) -> OAuth2Configuration {
        OAuth2Configuration(tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, refreshTokenFile: file,
                            scope: "mail", timeoutSeconds: 10)
    }

    /// Turns the server's refuse-all switch on or off (the `refuse-all` file in its state directory).
    func refuseAll(_ on: Bool) throws {
        let path = stateDirectory + "/refuse-all"
        if on {
            try Data().write(to: URL(fileURLWithPath: path))
        } else if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
    }

    /// Revokes every access token issued to `username` so far (the server's `revoked/<username>` file).
    func revokeAccessTokens(of username: String) throws {
        let directory = stateDirectory + "/revoked"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: directory + "/" + username))
    }

    /// Waits (≤ 10 s) for a line containing every one of `parts` in the log file `name` (e.g. dovecot.log).
    func logContains(_ name: String, _ parts: [String]) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        repeat {
            let text = (try? String(contentsOfFile: logDirectory + "/" + name, encoding: .utf8)) ?? ""
            if text.split(separator: "\n").contains(where: { line in parts.allSatisfy { line.contains($0) } }) { return true }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return false
    }
}
