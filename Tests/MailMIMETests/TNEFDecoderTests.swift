import Foundation
import Testing
@testable import MailMIME

@Suite struct TNEFDecoderTests {
    static let fixture: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/mail/winmail-tnef.eml")
        return Array((try? Data(contentsOf: url)) ?? Data())
    }()

    /// The 239-byte winmail.dat of the fixture (fixtures/README.md documents every byte).
    static var fixtureStream: [UInt8] {
        MIMEParser().parse(fixture).attachments.first { $0.filename == "winmail.dat" }?.data ?? []
    }

    @Test func decodesTheFixtureStream() throws {
        let stream = Self.fixtureStream
        #expect(stream.count == 239)
        let msg = try #require(TNEFDecoder().decode(stream))
        #expect(msg.legacyKey == 0x5A3C)
        #expect(msg.codepage == 1252)
        #expect(msg.messageClass == "IPM.Microsoft Mail.Note")
        #expect(msg.subject == "Quarterly report")
        #expect(msg.body == "Please find the report attached.")
        #expect(msg.defects.isEmpty)
        #expect(msg.attachments.count == 1)
        #expect(msg.attachments.first?.filename == "report.txt")
        #expect(msg.attachments.first?.renderType == 1)
        #expect(msg.attachments.first?.data == Array("hello tnef".utf8))
    }

    @Test func parserListsWinmailAndItsFiles() {
        let msg = MIMEParser().parse(Self.fixture)
        #expect(msg.attachments.map(\.filename) == ["winmail.dat", "report.txt"])
        #expect(msg.attachments.map(\.partPath) == ["2", "2.tnef.1"])
        #expect(msg.attachments.last?.contentType == "text/plain")
        #expect(msg.attachments.last?.size == 10)
        #expect(msg.attachments.last?.disposition == "attachment")
        #expect(msg.attachments.last?.sha256.count == 64)
        #expect(msg.text == "Please find the report attached.\n")
        #expect(msg.defects.isEmpty)
    }

    @Test func badChecksumIsADefectButDecodingContinues() throws {
        var s = TNEFTestStream()
        s.attribute(level: 1, id: 0x0001_8004, TNEFTestStream.cString("Subject"), checksum: 0xBEEF)
        s.startAttachment()
        s.attachment(0x0001_8010, TNEFTestStream.cString("a.bin"))
        s.attachment(0x0006_800F, [1, 2, 3])
        let msg = try #require(TNEFDecoder().decode(s.bytes))
        #expect(msg.defects.map(\.code) == ["tnef.checksum"])
        #expect(msg.subject == "Subject")
        #expect(msg.attachments.map(\.filename) == ["a.bin"])
        #expect(msg.attachments.first?.data == [1, 2, 3])
    }

    @Test func notTNEFIsNilAndADefectInTheParser() {
        #expect(TNEFDecoder().decode(Array("hello world".utf8)) == nil)
        #expect(TNEFDecoder().decode([0x78, 0x9F]) == nil)
        let msg = MIMEParser().parse(TNEFTestStream.mail(Array("not a tnef stream".utf8)))
        #expect(msg.attachments.count == 1)
        #expect(msg.defectCodes.contains("tnef.signature"))
    }

    @Test func octetStreamNamedWinmailDatIsExpanded() {
        let mail = String(decoding: TNEFTestStream.mail(Self.fixtureStream), as: UTF8.self)
            .replacingOccurrences(of: "application/ms-tnef", with: "application/octet-stream")
        let msg = MIMEParser().parse(Array(mail.utf8))
        #expect(msg.attachments.map(\.filename) == ["winmail.dat", "report.txt"])
        #expect(msg.attachments.map(\.partPath) == ["2", "2.tnef.1"])
    }

    @Test func impossibleLengthEndsTheStream() throws {
        var s = TNEFTestStream()
        s.message(0x0001_8004, TNEFTestStream.cString("Kept"))
        s.bytes += [2] + TNEFTestStream.le32(0x0006_800F) + TNEFTestStream.le32(0xFFFF_FFF0) + [1, 2, 3]
        let msg = try #require(TNEFDecoder().decode(s.bytes))
        #expect(msg.subject == "Kept")
        #expect(msg.defects.map(\.code) == ["tnef.truncated"])
        #expect(msg.attachments.isEmpty)
    }

    @Test func badLevelStopsWithADefect() throws {
        var s = TNEFTestStream()
        s.attribute(level: 7, id: 0x0001_8004, TNEFTestStream.cString("x"))
        let msg = try #require(TNEFDecoder().decode(s.bytes))
        #expect(msg.defects.map(\.code) == ["tnef.bad-level"])
    }

    @Test func everyPrefixAndMutationIsBounded() {
        let stream = Self.fixtureStream
        for n in 0...stream.count {
            let msg = TNEFDecoder().decode(Array(stream.prefix(n)))
            if n < 6 { #expect(msg == nil) } else { #expect(msg != nil) }
            let boundaries: Set = [6, 21, 40, 75, 103, 128, 171, 196, 218, 239]  // fixtures/README.md
            if n > 6, !boundaries.contains(n) { #expect(msg?.defects.isEmpty == false, "prefix \(n) should be damaged") }
            if boundaries.contains(n) { #expect(msg?.defects.isEmpty == true, "prefix \(n) is a whole stream") }
        }
        var rng = RobustnessTests.SplitMix(state: 0x7E4F)
        for _ in 0..<3000 {
            var m = stream
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                m[Int.random(in: 6..<m.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = TNEFDecoder().decode(m)
            _ = MIMEParser().parse(TNEFTestStream.mail(m))
        }
    }

    @Test func mapiPropertiesGiveLongFilenameMimeTypeAndContentID() throws {
        var s = TNEFTestStream()
        s.startAttachment()
        s.attachment(0x0001_8010, TNEFTestStream.cString("QUARTA~1.XLS"))
        s.attachment(0x0006_800F, [9, 9])
        s.attachment(0x0006_9005, TNEFTestStream.properties([
            (0x3705, .long(1)),
            (0x3707, .unicode("Quartalsübersicht März.xlsx")),
            (0x370E, .string8("Application/Vnd.Test")),
            (0x3712, .unicode("<img1@example.test>")),
        ], withNamedProperty: true))
        let msg = try #require(TNEFDecoder().decode(s.bytes))
        let a = try #require(msg.attachments.first)
        #expect(msg.defects.isEmpty)
        #expect(a.title == "QUARTA~1.XLS")
        #expect(a.filename == "Quartalsübersicht März.xlsx")
        #expect(a.mimeType == "application/vnd.test")
        #expect(a.contentID == "img1@example.test")
    }

    @Test func bodyFromMsgPropsIsTheTextWhenTheMailHasNone() {
        var s = TNEFTestStream()
        s.message(0x0006_9003, TNEFTestStream.properties([(0x1000, .unicode("Body from MAPI\r\n"))]))
        s.startAttachment()
        s.attachment(0x0001_8010, TNEFTestStream.cString("one.pdf"))
        s.attachment(0x0006_800F, [1])
        s.startAttachment()
        s.attachment(0x0001_8010, TNEFTestStream.cString("two.png"))
        s.attachment(0x0006_800F, [2, 2])
        let msg = MIMEParser().parse(TNEFTestStream.mail(s.bytes, text: nil))
        #expect(msg.text == "Body from MAPI\n")
        #expect(msg.attachments.map(\.filename) == ["winmail.dat", "one.pdf", "two.png"])
        #expect(msg.attachments.map(\.contentType) == ["application/ms-tnef", "application/pdf", "image/png"])
        #expect(msg.attachments.map(\.partPath) == ["1", "1.tnef.1", "1.tnef.2"])  // no text part: winmail.dat is part 1
    }

    @Test func embeddedOutlookItemIsDecodedRecursively() throws {
        var inner = TNEFTestStream()
        inner.message(0x0001_8004, TNEFTestStream.cString("Forwarded item"))
        inner.startAttachment()
        inner.attachment(0x0001_8010, TNEFTestStream.cString("inner.txt"))
        inner.attachment(0x0006_800F, Array("inside".utf8))
        var outer = TNEFTestStream()
        outer.startAttachment()
        outer.attachment(0x0001_8010, TNEFTestStream.cString("Forwarded item"))
        outer.attachment(0x0006_9005, TNEFTestStream.properties([
            (0x3705, .long(5)),
            (0x3701, .object([UInt8](repeating: 0x11, count: 16) + inner.bytes)),
        ]))
        let decoded = try #require(TNEFDecoder().decode(outer.bytes))
        #expect(decoded.attachments.first?.embeddedMessage?.subject == "Forwarded item")
        let msg = MIMEParser().parse(TNEFTestStream.mail(outer.bytes))
        #expect(msg.attachments.map(\.partPath) == ["2", "2.tnef.1", "2.tnef.1.1"])
        #expect(msg.attachments.last?.data == Array("inside".utf8))
        #expect(msg.attachments[1].contentType == "application/ms-tnef")
    }

    @Test func selfEmbeddingStopsAtTheDepthLimit() throws {
        var stream = TNEFTestStream().bytes
        for _ in 0..<20 {
            var outer = TNEFTestStream()
            outer.startAttachment()
            outer.attachment(0x0006_9005, TNEFTestStream.properties([(0x3701, .object([UInt8](repeating: 0, count: 16) + stream))]))
            stream = outer.bytes
        }
        let msg = try #require(TNEFDecoder(maxDepth: 8).decode(stream))
        #expect(msg.defects.map(\.code) == ["tnef.limit"])
    }
}
