import Foundation
import Testing
@testable import MailMIME

/// `MIMEParserOptions.structureOnly` finds the same headers and part tree as a full parse, without
/// decoding any body (the `maildesk-bench parse --structure-only` figure).
@Suite struct StructureOnlyTests {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/mail")
    }

    static let names = [
        "nested-multipart", "forward-rfc822", "winmail-tnef", "cid-inline-images", "deep-nesting",
        "missing-final-boundary", "no-boundary-param", "rfc2231-continuations", "smime-signed", "dsn-5.1.1",
        "shift-jis-attachment", "calendar-invite", "uuencoded", "bad-base64", "gmail-reply",
    ]

    /// The tree without decoded sizes (structure-only reports encoded sizes).
    static func shape(_ p: MIMEPart, depth: Int = 0) -> [String] {
        let me = String(repeating: " ", count: depth) + [p.path, p.contentType, p.disposition ?? "-", p.filename ?? "-",
                                                         p.charset ?? "-", "\(p.headers.count) headers",
                                                         p.parameters.sorted { $0.key < $1.key }.description].joined(separator: " | ")
        return [me] + p.children.flatMap { shape($0, depth: depth + 1) }
    }

    static func structureOnly() -> MIMEParser {
        var options = MIMEParserOptions()
        options.structureOnly = true
        return MIMEParser(options: options)
    }

    @Test(arguments: names)
    func sameTreeAsFullParse(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".eml")))
        let full = MIMEParser().parse(bytes)
        let structure = Self.structureOnly().parse(bytes)
        #expect(Self.shape(structure.root) == Self.shape(full.root))
        #expect(structure.headers.map(\.value) == full.headers.map(\.value))
        #expect(structure.subject == full.subject)
        #expect(structure.from == full.from)
        #expect(structure.messageID == full.messageID)
    }

    @Test func decodesNoBody() {
        let mail = """
            From: a@b.c
            Subject: hi
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            caf=E9
            --b
            Content-Type: application/pdf; name=x.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--

            """
        let structure = Self.structureOnly().parse(Array(mail.utf8))
        #expect(structure.text == nil)
        #expect(structure.html == nil)
        #expect(structure.attachments.isEmpty)
        #expect(structure.root.children.map(\.contentType) == ["text/plain", "application/pdf"])
        #expect(structure.root.children.last?.filename == "x.pdf")
        // The encoded size: "JVBERi0xLjQK" is 12 bytes (the line break before "--b--" belongs to the
        // delimiter), decoded it would be 9.
        #expect(structure.root.children.last?.decodedSize == 12)
        #expect(parse(mail).root.children.last?.decodedSize == 9)
    }

    @Test func entersBase64EncodedEmbeddedMessage() {
        let inner = "Subject: inner\nContent-Type: multipart/alternative; boundary=i\n\n--i\n\nplain\n--i\nContent-Type: text/html\n\n<p>x</p>\n--i--\n"
        let mail = """
            From: a@b.c
            Content-Type: message/rfc822
            Content-Transfer-Encoding: base64

            \(Data(inner.utf8).base64EncodedString())

            """
        let full = parse(mail)
        let structure = Self.structureOnly().parse(Array(mail.utf8))
        #expect(Self.shape(structure.root) == Self.shape(full.root))
        #expect(structure.root.children.first?.children.map(\.contentType) == ["text/plain", "text/html"])
    }
}
