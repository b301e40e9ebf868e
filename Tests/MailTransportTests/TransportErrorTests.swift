@testable import MailTransport
import Testing

struct TransportErrorTests {
    @Test(arguments: [
        (TransportError.Kind.connection, true), (.timeout, true), (.temporaryRejection, true),
        (.tls, false), (.authentication, false), (.permanentRejection, false), (.protocolError, false),
        (.invalidURL, false), (.insecureRefused, false),
    ])
    func classifiesTemporary(_ kind: TransportError.Kind, _ temporary: Bool) {
        #expect(TransportError(kind: kind, message: "m").isTemporary == temporary)
    }

    @Test(arguments: [
        (Int32(1), TransportError.Kind.invalidURL), (3, .invalidURL), (6, .connection), (7, .connection),
        (28, .timeout), (35, .tls), (60, .tls), (64, .tls), (77, .tls), (67, .authentication), (94, .authentication),
        (55, .connection), (56, .connection), (21, .protocolError), (78, .protocolError), (8, .protocolError),
    ])
    func mapsCurlCodes(_ code: Int32, _ kind: TransportError.Kind) {
        #expect(CurlCodeClassifier.kind(for: code) == kind)
    }

    @Test func describesInOneLine() {
        let error = TransportError(kind: .tls, curlCode: 60, message: "SSL certificate problem: unable to get local issuer certificate",
                                   protocolName: "IMAP")
        #expect(error.description == "IMAP TLS error (curl 60): SSL certificate problem: unable to get local issuer certificate")
        let rejected = TransportError(kind: .permanentRejection, curlCode: 55, message: "RCPT failed: 550",
                                      serverReply: "550-5.1.1 first\r\n550 5.1.1 second", protocolName: "SMTP")
        #expect(rejected.description == "SMTP permanent rejection (curl 55): RCPT failed: 550 — server replied: 550-5.1.1 first 550 5.1.1 second")
        #expect(!rejected.description.contains("\n"))
    }
}
