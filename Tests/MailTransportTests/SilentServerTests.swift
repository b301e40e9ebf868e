import Foundation
import Logging
import MailTransport
import Testing

/// A loopback listener that accepts TCP connections (via the backlog) but never says anything,
/// so clients time out waiting for the greeting.
final class SilentListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && listen(descriptor, 8) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

struct SilentServerTests {
    @Test(arguments: ["imap", "smtp"])
    func silentServerTimesOut(_ scheme: String) throws {
        let listener = try SilentListener()
        let endpoint = MailEndpoint(url: "\(scheme)://127.0.0.1:\(listener.port)", username: "u@maildesk.test",
                                    password: "pw-secret", allowInsecure: true, timeoutSeconds: 1)
        let logger = Logger(label: "test")
        let started = Date()
        let error = #expect(throws: TransportError.self) {
            if scheme == "imap" {
                _ = try IMAPConnection(endpoint: endpoint, logger: logger).status()
            } else {
                _ = try SMTPConnection(endpoint: endpoint, heloName: "maildesk.test", logger: logger)
                    .send(from: "a@maildesk.test", recipient: "b@maildesk.test", message: Array("x\r\n".utf8))
            }
        }
        #expect(error?.kind == .timeout)
        #expect(error?.curlCode == 28)
        #expect(error?.isTemporary == true)
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
