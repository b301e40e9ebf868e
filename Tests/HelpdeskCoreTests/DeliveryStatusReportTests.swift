import Foundation
import HelpdeskCore
import MailMIME
import Testing

typealias DSN = DeliveryStatusReport

@Suite struct DeliveryStatusReportTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: DSN
        var permanent: Bool
        var testDescription: String { name }
    }

    /// The message/delivery-status parts of fixtures/corpus/mime/enmime/dsn/*.raw, copied by hand (and checked
    /// against those files by `corpusReportsParse`), followed by reports in the shapes Postfix, Gmail,
    /// Exchange Online and Exim write.
    static let cases: [Case] = [
        Case(name: "enmime simple_dsn.raw", text: """
            Reporting-MTA: dns; cs.utk.edu

            Original-Recipient: rfc822;louisl@larry.slip.umd.edu
            Final-Recipient: rfc822;louisl@larry.slip.umd.edu
            Action: failed
            Status: 4.0.0
            Diagnostic-Code: smtp; 426 connection timed out
            Last-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400

            """, expected: DSN(reportingMTA: "cs.utk.edu", recipients: [
                .init(finalRecipient: "louisl@larry.slip.umd.edu", originalRecipient: "louisl@larry.slip.umd.edu",
                      action: .failed, status: "4.0.0", diagnosticCode: "426 connection timed out"),
            ]), permanent: true),
        Case(name: "enmime delayed_dsn.raw", text: """
            Reporting-MTA: dns; sun2.nsfnet-relay.ac.uk

            Final-Recipient: rfc822;thomas@de-montfort.ac.uk
            Status: 4.0.0 (unknown temporary failure)
            Action: delayed

            """, expected: DSN(reportingMTA: "sun2.nsfnet-relay.ac.uk", recipients: [
                .init(finalRecipient: "thomas@de-montfort.ac.uk", action: .delayed, status: "4.0.0"),
            ]), permanent: false),
        Case(name: "enmime multi_recipient_dsn.raw", text: """
            Reporting-MTA: dns; cs.utk.edu

            Original-Recipient: rfc822;arathib@vnet.ibm.com
            Final-Recipient: rfc822;arathib@vnet.ibm.com
            Action: failed
            Status: 5.0.0 (permanent failure)
            Diagnostic-Code: smtp;  550 'arathib@vnet.IBM.COM' is not a
              registered gateway user
            Remote-MTA: dns; vnet.ibm.com

            Original-Recipient: rfc822;johnh@hpnjld.njd.hp.com
            Final-Recipient: rfc822;johnh@hpnjld.njd.hp.com
            Action: delayed
            Status: 4.0.0 (hpnjld.njd.jp.com: host name lookup failure)

            Original-Recipient: rfc822;wsnell@sdcc13.ucsd.edu
            Final-Recipient: rfc822;wsnell@sdcc13.ucsd.edu
            Action: failed
            Status: 5.0.0
            Diagnostic-Code: smtp; 550 user unknown
            Remote-MTA: dns; sdcc13.ucsd.edu

            """, expected: DSN(reportingMTA: "cs.utk.edu", recipients: [
                .init(finalRecipient: "arathib@vnet.ibm.com", originalRecipient: "arathib@vnet.ibm.com", action: .failed,
                      status: "5.0.0", diagnosticCode: "550 'arathib@vnet.IBM.COM' is not a registered gateway user",
                      remoteMTA: "vnet.ibm.com"),
                .init(finalRecipient: "johnh@hpnjld.njd.hp.com", originalRecipient: "johnh@hpnjld.njd.hp.com",
                      action: .delayed, status: "4.0.0"),
                .init(finalRecipient: "wsnell@sdcc13.ucsd.edu", originalRecipient: "wsnell@sdcc13.ucsd.edu", action: .failed,
                      status: "5.0.0", diagnosticCode: "550 user unknown", remoteMTA: "sdcc13.ucsd.edu"),
            ]), permanent: true),
        Case(name: "enmime dsn_with_multipart_alternative.raw (Exchange Online)", text: """
            Reporting-MTA: dns;1234.prod.outlook.com
            Received-From-MTA: dns;some.example.com
            Arrival-Date: Thu, 27 Jan 2022 08:03:02 +0000

            Final-Recipient: rfc822;non-existing@example.com
            Action: failed
            Status: 5.1.10
            Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound

            """, expected: DSN(reportingMTA: "1234.prod.outlook.com", recipients: [
                .init(finalRecipient: "non-existing@example.com", action: .failed, status: "5.1.10",
                      diagnosticCode: "550 5.1.10 RESOLVER.ADR.RecipientNotFound"),
            ]), permanent: true),
        Case(name: "Postfix bounce", text: """
            Reporting-MTA: dns; mail.example.com
            X-Postfix-Queue-ID: 4B3C21A0123
            X-Postfix-Sender: rfc822; support+b1-16-o1-abcdefghijklmnop@example.com
            Arrival-Date: Wed, 25 Nov 2026 10:00:00 +0000 (UTC)

            Final-Recipient: rfc822; nobody@nowhere.example
            Original-Recipient: rfc822;nobody@nowhere.example
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.nowhere.example
            Diagnostic-Code: smtp; 550 5.1.1 <nobody@nowhere.example>: Recipient address
                rejected: User unknown in virtual mailbox table

            """, expected: DSN(reportingMTA: "mail.example.com", recipients: [
                .init(finalRecipient: "nobody@nowhere.example", originalRecipient: "nobody@nowhere.example", action: .failed,
                      status: "5.1.1",
                      diagnosticCode: "550 5.1.1 <nobody@nowhere.example>: Recipient address rejected: User unknown in virtual mailbox table",
                      remoteMTA: "mx.nowhere.example"),
            ]), permanent: true),
        Case(name: "Postfix delay", text: """
            Reporting-MTA: dns; mail.example.com
            X-Postfix-Queue-ID: 7D1E2B0042
            Arrival-Date: Wed, 25 Nov 2026 06:00:00 +0000 (UTC)

            Final-Recipient: rfc822; bob@slow.example
            Action: delayed
            Status: 4.4.1
            Diagnostic-Code: X-Postfix; connect to mx.slow.example[192.0.2.3]:25: Connection
                timed out
            Will-Retry-Until: Sun, 29 Nov 2026 06:00:00 +0000 (UTC)

            """, expected: DSN(reportingMTA: "mail.example.com", recipients: [
                .init(finalRecipient: "bob@slow.example", action: .delayed, status: "4.4.1",
                      diagnosticCode: "connect to mx.slow.example[192.0.2.3]:25: Connection timed out"),
            ]), permanent: false),
        Case(name: "Gmail with X-Original-Message-ID", text: """
            Reporting-MTA: dns; googlemail.com
            Received-From-MTA: dns; alice@gmail.com
            Arrival-Date: Mon, 23 Nov 2026 08:00:00 -0800 (PST)
            X-Original-Message-ID: <md.16.0a1b2c.deadbeef@example.com>

            Final-Recipient: rfc822; nosuchuser@example.org
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.org. (192.0.2.1, the server for the domain example.org.)
            Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.
            Last-Attempt-Date: Mon, 23 Nov 2026 08:00:01 -0800 (PST)

            """, expected: DSN(reportingMTA: "googlemail.com", originalMessageID: "md.16.0a1b2c.deadbeef@example.com", recipients: [
                .init(finalRecipient: "nosuchuser@example.org", action: .failed, status: "5.1.1",
                      diagnosticCode: "550-5.1.1 The email account that you tried to reach does not exist.",
                      remoteMTA: "mx.example.org"),
            ]), permanent: true),
        Case(name: "Exim, Action first, envelope id", text: """
            Reporting-MTA: dns; mail.example.net
            Original-Envelope-Id: QQ314159

            Action: failed
            Final-Recipient: rfc822;<nobody@example.org>
            Status: 5.0.0
            Remote-MTA: dns; mx.example.org
            Diagnostic-Code: smtp; 550 No such user here

            """, expected: DSN(reportingMTA: "mail.example.net", originalEnvelopeID: "QQ314159", recipients: [
                .init(finalRecipient: "nobody@example.org", action: .failed, status: "5.0.0",
                      diagnosticCode: "550 No such user here", remoteMTA: "mx.example.org"),
            ]), permanent: true),
        Case(name: "success notification", text: """
            Reporting-MTA: dns; mail.example.net

            Final-Recipient: rfc822; carol@example.org
            Action: delivered
            Status: 2.0.0
            """, expected: DSN(reportingMTA: "mail.example.net", recipients: [
                .init(finalRecipient: "carol@example.org", action: .delivered, status: "2.0.0"),
            ]), permanent: false),
        Case(name: "lenient: recipients without blank lines, status from diagnostic, action from status", text: """


            Reporting-MTA: dns; mx.example.net
            Final-Recipient: rfc822; a@example.org
            Diagnostic-Code: smtp; 550 5.2.2 mailbox full
            Final-Recipient: RFC822; b@example.org
            action: RELAYED
            status: 2.0.0
            Final-Recipient: rfc822; c@example.org
            Action: bounced
            Status: 4.7.1 (greylisted)
            Final-Recipient: rfc822; d@example.org
            Action: failed
            """, expected: DSN(reportingMTA: "mx.example.net", recipients: [
                .init(finalRecipient: "a@example.org", action: .failed, status: "5.2.2", diagnosticCode: "550 5.2.2 mailbox full"),
                .init(finalRecipient: "b@example.org", action: .relayed, status: "2.0.0"),
                .init(finalRecipient: "c@example.org", action: .delayed, status: "4.7.1"),
                .init(finalRecipient: "d@example.org", action: .failed, status: ""),
            ]), permanent: true),
    ]

    @Test(arguments: cases)
    func parsesLF(_ test: Case) throws {
        let report = try #require(DSN(text: test.text))
        #expect(report == test.expected)
        #expect(report.isPermanentFailure == test.permanent)
    }

    @Test(arguments: cases)
    func parsesCRLF(_ test: Case) throws {
        let crlf = test.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(crlf.utf8.contains(13))
        #expect(try #require(DSN(text: crlf)) == test.expected)
    }

    static let corpusPath = "fixtures/corpus/mime/enmime/dsn"
    /// Tests/HelpdeskCoreTests/<this file> → repository root → fixtures/corpus/mime/enmime/dsn.
    static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(corpusPath)
    /// Each enmime file and the hand-copied case its delivery-status part must equal (simple_dsn_with_html.raw
    /// carries the same report as simple_dsn.raw, beside an HTML explanation).
    static let corpusFiles: [(file: String, caseName: String)] = [
        ("delayed_dsn.raw", "enmime delayed_dsn.raw"),
        ("dsn_with_multipart_alternative.raw", "enmime dsn_with_multipart_alternative.raw (Exchange Online)"),
        ("multi_recipient_dsn.raw", "enmime multi_recipient_dsn.raw"),
        ("simple_dsn.raw", "enmime simple_dsn.raw"),
        ("simple_dsn_with_html.raw", "enmime simple_dsn.raw"),
    ]

    /// The whole enmime messages, parsed as mail: their message/delivery-status part gives the report
    /// the hand-copied case expects. A missing file fails with the path the test expected.
    @Test func corpusReportsParse() throws {
        let onDisk = try #require(try? FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path),
                                  "DSN corpus missing: expected the folder \(Self.corpusDirectory.path) (fixtures/corpus/README.md)")
        #expect(Set(onDisk.filter { $0.hasSuffix(".raw") }) == Set(Self.corpusFiles.map(\.file)),
                "\(Self.corpusDirectory.path) holds other files than the ones this test knows")
        var read = 0
        for (file, caseName) in Self.corpusFiles {
            let url = Self.corpusDirectory.appendingPathComponent(file)
            let data = try #require(FileManager.default.contents(atPath: url.path), "DSN fixture missing: expected \(url.path)")
            read += 1
            let expected = try #require(Self.cases.first { $0.name == caseName }, "no case named \(caseName)")
            let message = MIMEParser().parse([UInt8](data))
            let part = try #require(message.attachments.first { $0.contentType == "message/delivery-status" },
                                    "\(file): no message/delivery-status part")
            let report = try #require(DSN(text: String(decoding: part.data, as: UTF8.self)), "\(file): no report")
            #expect(report == expected.expected, "\(file)")
            #expect(report.isPermanentFailure == expected.permanent, "\(file)")
        }
        print("DeliveryStatusReport: read \(read) reports from \(Self.corpusPath)")
    }

    @Test func statusClasses() throws {
        let report = try #require(DSN(text: Self.cases[2].text))
        #expect(report.recipients.map(\.statusClass) == [5, 4, 5])
        #expect(DSN.Recipient(finalRecipient: "x@y", action: .failed, status: "").statusClass == nil)
    }

    @Test(arguments: [
        "",
        "\n\n",
        "Reporting-MTA: dns; mx.example.net\n",
        "Reporting-MTA: dns; mx.example.net\n\nAction: failed\nStatus: 5.0.0\n",
        "Final-Recipient: rfc822;\nAction: failed\nStatus: 5.0.0\n",
        "Final-Recipient: rfc822; a@example.org\nAction: something\nStatus: unknown\n",
        "[human-readable explanation goes here]\n",
    ])
    func noRecipient(text: String) {
        #expect(DSN(text: text) == nil)
    }
}
