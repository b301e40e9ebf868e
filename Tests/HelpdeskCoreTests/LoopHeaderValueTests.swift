import HelpdeskCore
import MailMIME
import Testing

/// The loop rules' header values: the first token counts, whatever comments, white space, folding or
/// case decorate it (RFC 5322 §3.2.2 CFWS; RFC 3834 §5 Auto-Submitted grammar).
@Suite struct LoopHeaderValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var header: String
        var expected: MailClass
        var testDescription: String { header }
    }

    static let cases: [Case] = [
        Case(header: "Precedence: bulk", expected: .bulk),
        Case(header: "Precedence: BULK", expected: .bulk),
        Case(header: "Precedence: bulk (mass mail)", expected: .bulk),
        Case(header: "Precedence: (newsletter) list", expected: .bulk),
        Case(header: "Precedence:   junk  ; x=1", expected: .bulk),
        Case(header: "Precedence: bulk\r\n (mass\r\n mail)", expected: .bulk),
        Case(header: "Precedence: bulky", expected: .human),
        Case(header: "Precedence: first-class", expected: .human),
        Case(header: "Precedence: (bulk) normal", expected: .human),
        Case(header: "Precedence: auto_reply", expected: .autoReply),
        Case(header: "Precedence: Auto_Reply (vacation)", expected: .autoReply),
        Case(header: "Auto-Submitted: no", expected: .human),
        Case(header: "Auto-Submitted: No (a person wrote this)", expected: .human),
        Case(header: "Auto-Submitted: (sent by hand) no", expected: .human),
        Case(header: "Auto-Submitted: auto-replied (vacation)", expected: .autoReply),
        Case(header: "Auto-Submitted: auto-generated; owner-email=\"x@y.test\"", expected: .autoReply),
    ]

    @Test(arguments: cases)
    func firstTokenDecides(_ c: Case) {
        let raw = "From: ana@customer.test\r\nTo: support@maildesk.test\r\nSubject: Hello\r\n"
            + "Message-ID: <m1@customer.test>\r\n\(c.header)\r\n\r\nHello\r\n"
        let message = MIMEParser().parse(Array(raw.utf8))
        #expect(MailClassifier().classify(message).mailClass == c.expected)
    }
}
