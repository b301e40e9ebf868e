import Foundation

/// Generated customer mail of about 25 KB: quoted-printable-free plain text, every fifth with a
/// base64 attachment, so the benchmark exercises the same paths as real mail.
enum MailGenerator {
    static let words = ["order", "invoice", "login", "password", "refund", "delivery", "account", "broken",
                        "please", "help", "since", "yesterday", "cannot", "update", "payment", "thanks"]

    static func message(index: Int, to recipient: String) -> [UInt8] {
        var body = ""
        var n = index
        while body.utf8.count < 18_000 {
            for _ in 0..<12 {
                n = (n &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF
                body += words[n % words.count] + " "
            }
            body += "\r\n"
        }
        let id = "bench-\(index)-\(UUID().uuidString)@customer.test"
        var lines = [
            "From: Customer \(index) <customer\(index)@customer.test>", "To: \(recipient)",
            "Subject: Question number \(index) about my order", "Date: Tue, 13 Jan 2026 09:00:00 +0100",
            "Message-ID: <\(id)>", "MIME-Version: 1.0",
        ]
        if index % 5 == 0 {
            let attachment = Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) })
                .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            lines += ["Content-Type: multipart/mixed; boundary=\"b\(index)\"", "", "--b\(index)",
                      "Content-Type: text/plain; charset=utf-8", "", body, "--b\(index)",
                      "Content-Type: application/pdf; name=\"scan\(index).pdf\"",
                      "Content-Disposition: attachment; filename=\"scan\(index).pdf\"",
                      "Content-Transfer-Encoding: base64", "", attachment, "--b\(index)--", ""]
        } else {
            lines += ["Content-Type: text/plain; charset=utf-8", "", body]
        }
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
