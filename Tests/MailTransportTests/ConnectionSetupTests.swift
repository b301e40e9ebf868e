import Logging
@testable import MailTransport
import Testing

/// Validation done by the connection initialisers (no network: connecting is lazy).
struct ConnectionSetupTests {
    let logger = Logger(label: "test")

    @Test(arguments: [
        ("imaps://mail.example.com", "INBOX"),
        ("imaps://mail.example.com/", "INBOX"),
        ("imap://mail.example.com/Support%20Queue", "Support Queue"),
        ("imaps://mail.example.com/Gr%C3%BC%C3%9Fe", "Grüße"),
    ])
    func imapMailboxComesFromPath(_ url: String, _ mailbox: String) throws {
        #expect(try IMAPConnection(endpoint: MailEndpoint(url: url), logger: logger).mailbox == mailbox)
        #expect(try IMAPConnection(endpoint: MailEndpoint(url: url), logger: logger).mailboxURL(mailbox).hasSuffix("/"
            + EndpointURL.percentEncode(IMAPMailboxName.encode(mailbox))))
    }

    @Test(arguments: [
        ("pop3://mail.example.com", false, TransportError.Kind.invalidURL),
        ("imaps://mail.example.com/INBOX;UID=4", false, .invalidURL),
    ])
    func imapRefusesBadEndpoints(_ url: String, _ allowInsecure: Bool, _ kind: TransportError.Kind) {
        let error = #expect(throws: TransportError.self) {
            try IMAPConnection(endpoint: MailEndpoint(url: url, allowInsecure: allowInsecure), logger: logger)
        }
        #expect(error?.kind == kind)
        #expect(error?.description.hasPrefix("IMAP ") == true)
    }

    @Test(arguments: [
        ("imaps://smtp.example.com", "maildesk.test", TransportError.Kind.invalidURL),
        ("smtp://smtp.example.com/path", "maildesk.test", .invalidURL),
        ("smtp://smtp.example.com", "bad name", .invalidURL),
        ("smtp://smtp.example.com", "", .invalidURL),
    ])
    func smtpRefusesBadEndpoints(_ url: String, _ helo: String, _ kind: TransportError.Kind) {
        let error = #expect(throws: TransportError.self) {
            try SMTPConnection(endpoint: MailEndpoint(url: url), heloName: helo, logger: logger)
        }
        #expect(error?.kind == kind)
    }

    @Test func smtpRefusesInjectedAddressesBeforeConnecting() throws {
        let smtp = try SMTPConnection(endpoint: MailEndpoint(url: "smtp://127.0.0.1:1", allowInsecure: true),
                                      heloName: "maildesk.test", logger: logger)
        let error = #expect(throws: TransportError.self) {
            try smtp.send(from: "a@b.test", recipient: "x@y.test>\r\nDATA", message: [])
        }
        #expect(error?.kind == .permanentRejection)
        #expect(error?.curlCode == nil)
    }

    @Test func closedPortIsTemporaryConnectionError() throws {
        let smtp = try SMTPConnection(endpoint: MailEndpoint(url: "smtp://127.0.0.1:1", password: "hunter2secret", allowInsecure: true),
                                      heloName: "maildesk.test", logger: logger)
        let error = #expect(throws: TransportError.self) {
            try smtp.send(from: "a@b.test", recipient: "c@d.test", message: Array("Subject: x\r\n\r\nx\r\n".utf8))
        }
        #expect(error?.kind == .connection)
        #expect(error?.isTemporary == true)
        #expect(error?.curlCode == 7)
        #expect(error?.description.contains("hunter2secret") == false)
    }
}
