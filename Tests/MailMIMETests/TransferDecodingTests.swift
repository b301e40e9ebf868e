import Testing
@testable import MailMIME

@Suite struct TransferDecodingTests {
    private func b64(_ s: String) -> (String, Bool) {
        let r = TransferDecoding.base64(Array(s.utf8)[...])
        return (String(decoding: r.bytes, as: UTF8.self), r.damaged)
    }

    private func qp(_ s: String) -> (String, Bool) {
        let r = TransferDecoding.quotedPrintable(Array(s.utf8)[...])
        return (String(decoding: r.bytes, as: UTF8.self), r.damaged)
    }

    @Test func base64Lenient() {
        #expect(b64("aGVsbG8gd29ybGQ=") == ("hello world", false))
        #expect(b64("aGVs\r\nbG8g\n d29y bGQ") == ("hello world", false))   // whitespace, no padding
        #expect(b64("aGVsbG8*gd29ybGQ=").0 == "hello world")
        #expect(b64("aGVsbG8*gd29ybGQ=").1)                                  // garbage skipped, flagged
        #expect(b64("aGk=aGk=") == ("hihi", false))                           // concatenated chunks
        #expect(b64("") == ("", false))
    }

    @Test func quotedPrintable() {
        #expect(qp("caf=C3=A9") == ("café", false))
        #expect(qp("soft=\r\nbreak and=  \nspaces=\nend=") == ("softbreak andspacesend", false))
        #expect(qp("lower =c3=a9") == ("lower é", false))
        #expect(qp("bad =ZZ escape") == ("bad =ZZ escape", true))
        // Hard line breaks decode to CRLF, the canonical form (RFC 2045 §6.7 rule 5), also from bare LF.
        #expect(qp("trailing   \nline=20\n") == ("trailing\r\nline \r\n", false))
        #expect(qp("a=\r\n") == ("a", false))
    }

    @Test func identityAndUnknown() {
        let raw = Array("x\u{00}y".utf8)[...]
        #expect(TransferDecoding.decode(raw, encoding: "8bit").bytes == Array(raw))
        #expect(TransferDecoding.decode(raw, encoding: "binary").bytes == Array(raw))
        #expect(TransferDecoding.decode(raw, encoding: "x-uuencode-ish").unknown)
    }

    @Test func quotedPrintableEncoderRoundTrip() {
        let samples = ["plain", "Grüße\nzweite Zeile  \n\n", String(repeating: "long line with = signs ", count: 20),
                       ".\nFrom here\ntab\tend\t", "crlf\r\nline"]
        for s in samples {
            let enc = QuotedPrintableEncoder.encode(Array(s.utf8))
            let lines = String(decoding: enc, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 76 })
            #expect(enc.allSatisfy { $0 < 128 })
            let back = TransferDecoding.quotedPrintable(enc[...]).bytes
            let expected = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
            #expect(String(decoding: back, as: UTF8.self) == expected)
        }
    }

    @Test func base64EncoderRoundTrip() {
        for n in 0..<40 {
            let data = (0..<n).map { UInt8(($0 * 37 + n) & 255) }
            let enc = Base64Encoder.encodeBytes(data, lineLength: 8)
            #expect(TransferDecoding.base64(enc[...]) == (data, false))
        }
    }
}

@Suite struct UUDecoderTests {
    @Test func decodesUUEncodedBody() {
        // "Cat" and "hello world\n" as produced by uuencode(1).
        let text = "\nbegin 644 cat.txt\n#0V%T\n`\nend\n"
        #expect(TransferDecoding.decode(Array(text.utf8)[...], encoding: "x-uuencode").bytes == Array("Cat".utf8))
        let hello = "begin 644 h\n,:&5L;&\\@=V]R;&0*\n`\nend\n"
        let r = UUDecoder.decode(Array(hello.utf8)[...])
        #expect(r.bytes == Array("hello world\n".utf8))
        #expect(!r.damaged)
        #expect(UUDecoder.decode(Array("no begin line".utf8)[...]).damaged)
    }
}
