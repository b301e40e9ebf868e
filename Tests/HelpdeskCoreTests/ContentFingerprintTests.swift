import HelpdeskCore
import Testing

@Suite struct ContentFingerprintTests {
    let base = "From: a@customer.test\r\nSubject: Hi\r\nMessage-ID: <1@customer.test>\r\n\r\nBody line\r\n"

    @Test func traceFieldsAndLineEndingsDoNotMatter() {
        let relayed = "Return-Path: <a@customer.test>\r\nReceived: from mx (mx [127.0.0.1])\r\n\tby mx2; Tue, 13 Jan 2026\r\n"
            + "Delivered-To: support+x@maildesk.test\r\nAuthentication-Results: mx; dmarc=pass\r\n" + base
        #expect(ContentFingerprint.of(Array(base.utf8)) == ContentFingerprint.of(Array(relayed.utf8)))
        let lf = base.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(ContentFingerprint.of(Array(base.utf8)) == ContentFingerprint.of(Array(lf.utf8)))
    }

    @Test(arguments: [
        "From: a@customer.test\r\nSubject: Hi!\r\nMessage-ID: <1@customer.test>\r\n\r\nBody line\r\n",
        "From: a@customer.test\r\nSubject: Hi\r\nMessage-ID: <1@customer.test>\r\n\r\nBody line changed\r\n",
        "From: a@customer.test\r\nSubject: Hi\r\nMessage-ID: <1@customer.test>\r\nX-Mailer: other\r\n\r\nBody line\r\n",
    ])
    func realChangesDo(_ other: String) {
        #expect(ContentFingerprint.of(Array(base.utf8)) != ContentFingerprint.of(Array(other.utf8)))
    }
}
