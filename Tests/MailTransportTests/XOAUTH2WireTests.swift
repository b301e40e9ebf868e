import Foundation
import Logging
@testable import MailTransport
import Testing

/// A line-based loopback server (one connection at a time) that greets, answers each CRLF line with
/// `answer(line)` and records the lines it got; nil closes the connection.
final class ScriptedLineServer: @unchecked Sendable {
    let port: Int
    private let listener: LoopbackListenerSocket
    private let lock = NSLock()
    private var received: [String] = []

    init(greeting: String, answer: @escaping @Sendable (String) -> String?) throws {
        listener = try LoopbackListenerSocket()
        port = listener.port
        let fd = listener.descriptor
        Thread { [self] in
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            sendText(client, greeting)
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { return }
                pending += buffer[..<n]
                while let end = pending.firstRange(of: Array("\r\n".utf8)) {
                    let line = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                    pending.removeSubrange(..<end.upperBound)
                    lock.withLock { received.append(line) }
                    guard let reply = answer(line) else { return }
                    sendText(client, reply)
                }
            }
        }.start()
    }

    var lines: [String] { lock.withLock { received } }

    private func sendText(_ client: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

/// A bound, listening loopback socket on a random port.
final class LoopbackListenerSocket: @unchecked Sendable {
    let port: Int
    let descriptor: Int32

    init(backlog: Int32 = 4) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, backlog) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// The bearer token goes out as SASL XOAUTH2 (Google's format, `user=…^Aauth=Bearer …^A^A`), also when the
/// server lists OAUTHBEARER first; the password is not used.
struct XOAUTH2WireTests {
    let logger = Logger(label: "test.xoauth2")
    static let expected = Data("user=agent@example.com\u{1}auth=Bearer ya29.token-value\u{1}\u{1}".utf8).base64EncodedString()

    @Test func imapAuthenticatesWithXOAUTH2() throws {
        let server = try ScriptedLineServer(greeting: "* OK test server ready\r\n") { line in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let tag = parts[0], command = parts.count > 1 ? parts[1].uppercased() : ""
            if command.hasPrefix("CAPABILITY") {
                return "* CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER AUTH=XOAUTH2 AUTH=PLAIN\r\n\(tag) OK done\r\n"
            }
            if command.hasPrefix("AUTHENTICATE") { return "\(tag) OK logged in\r\n" }
            if command.hasPrefix("STATUS") {
                return "* STATUS INBOX (MESSAGES 2 UIDNEXT 5 UIDVALIDITY 7)\r\n\(tag) OK done\r\n"
            }
            return "* BYE\r\n\(tag) OK bye\r\n"
        }
        let endpoint = MailEndpoint(url: "imap://127.0.0.1:\(server.port)/INBOX", username: "agent@example.com",
                                    password: "not-used-password", bearerToken: "ya29.token-value", timeoutSeconds: 5)
        let status = try IMAPConnection(endpoint: endpoint, logger: logger).status()
        #expect(status.messages == 2)
        let auth = try #require(server.lines.first { $0.contains("AUTHENTICATE") })
        #expect(auth.hasSuffix("AUTHENTICATE XOAUTH2 \(Self.expected)"))
        #expect(!server.lines.joined().contains("not-used-password"))
    }

    @Test func smtpAuthenticatesWithXOAUTH2() throws {
        let server = try ScriptedLineServer(greeting: "220 test ESMTP\r\n") { line in
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { return "250-test\r\n250-AUTH OAUTHBEARER XOAUTH2 PLAIN LOGIN\r\n250 8BITMIME\r\n" }
            if upper == "AUTH XOAUTH2" { return "334 \r\n" }  // no initial response: ask for it
            if upper.hasPrefix("AUTH ") || line == Self.expected { return "235 2.7.0 accepted\r\n" }
            if upper.hasPrefix("QUIT") { return "221 bye\r\n" }
            return "250 2.0.0 Ok\r\n"
        }
        let endpoint = MailEndpoint(url: "smtp://127.0.0.1:\(server.port)", username: "agent@example.com",
                                    bearerToken: "ya29.token-value", timeoutSeconds: 5)
        let reply = try SMTPConnection(endpoint: endpoint, heloName: "maildesk.test", logger: logger).verify()
        #expect(reply.code == 250)
        let auth = server.lines.drop { !$0.hasPrefix("AUTH ") }.prefix(2).joined(separator: " ")
        #expect(auth == "AUTH XOAUTH2 \(Self.expected)")
    }

    @Test func bearerWithoutUsernameIsRefusedUpFront() {
        let endpoint = MailEndpoint(url: "imaps://mail.example.com/INBOX", bearerToken: "ya29.token-value")
        let error = #expect(throws: TransportError.self) { try IMAPConnection(endpoint: endpoint, logger: logger) }
        #expect(error?.kind == .authentication)
    }

    @Test func tokensStayOutOfDescriptionsAndErrors() throws {
        let endpoint = MailEndpoint(url: "smtp://127.0.0.1:1", username: "u@example.com", bearerToken: "ya29.token-value",
                                    allowInsecure: true)
        #expect("\(endpoint)" == "MailEndpoint(smtp://127.0.0.1:1, user u@example.com, bearer token)")
        #expect(!String(reflecting: endpoint).contains("ya29"))
        let smtp = try SMTPConnection(endpoint: endpoint, heloName: "maildesk.test", logger: logger)
        let error = #expect(throws: TransportError.self) { try smtp.verify() }
        #expect(error?.kind == .connection)
        #expect(MailEndpoint.scrub("x ya29.token-value y", secrets: endpoint.secrets) == "x *** y")
    }
}
