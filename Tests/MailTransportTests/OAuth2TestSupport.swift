import Foundation
import Logging
@testable import MailTransport

/// A clock tests move forward by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    var function: @Sendable () -> Date { { [self] in now } }
}

/// A private temporary directory holding a refresh token file, removed by `remove()`.
struct TokenDirectory {
    let path: String
    var file: String { path + "/refresh-token" }

    init(token: String? = "rt-0", mode: Int = 0o600) throws {
        path = NSTemporaryDirectory() + "maildesk-oauth2-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        if let token { try write(token, mode: mode) }
    }

    func write(_ token: String, mode: Int = 0o600) throws {
        try (token + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
    }

    func read() throws -> String { try String(contentsOfFile: file, encoding: .utf8) }

    func mode() throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

enum OAuth2Fixtures {
    static let logger = Logger(label: "test.oauth2")
    static let clientSecret = "client-secret-value"

    static func configuration(_ url: String, _ directory: TokenDirectory, scope: String? = "mail offline_access",
                              secret: String? = clientSecret) -> OAuth2Configuration {
        OAuth2Configuration(tokenURL: url, clientID: "maildesk-client", clientSecret: secret,
                            refreshTokenFile: directory.file, scope: scope, timeoutSeconds: 5)
    }

    /// A token answer (RFC 6749 §5.1) as JSON text.
    static func tokenJSON(access: String, expiresIn: Int? = 3600, refresh: String? = nil) -> String {
        var object: [String: Any] = ["access_token": access, "token_type": "Bearer"]
        if let expiresIn { object["expires_in"] = expiresIn }
        if let refresh { object["refresh_token"] = refresh }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Rotates on every request: request n answers `at-(n+1)` and `rt-(n+1)`.
    static func rotating(_ request: TokenEndpointStub.Request, _ n: Int) -> TokenEndpointStub.Response {
        .init(status: 200, body: tokenJSON(access: "at-\(n + 1)", refresh: "rt-\(n + 1)"))
    }
}
