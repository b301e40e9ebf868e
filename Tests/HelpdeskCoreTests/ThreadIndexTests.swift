import Foundation
import HelpdeskCore
import Testing

@Suite struct ThreadIndexTests {
    static let guid: [UInt8] = [0x9f, 0x2c, 0x4e, 0x11, 0x0b, 0xa7, 0x4d, 0x3e, 0x8a, 0x51, 0xc0, 0xff, 0xee, 0x12, 0x34, 0x56]
    static let guidHex = "9f2c4e110ba74d3e8a51c0ffee123456"

    /// A Thread-Index as Outlook builds it: 0x01, 5 bytes of FILETIME, GUID, then 5 bytes per reply.
    static func header(guid: [UInt8] = guid, replies: Int, fileTime: [UInt8] = [0xd7, 0x3e, 0x1a, 0x22, 0x80]) -> String {
        var bytes: [UInt8] = [0x01] + fileTime + guid
        for level in 0..<replies { bytes += [0x00, 0x00, 0x1d, 0x4c, UInt8(level)] }
        return Data(bytes).base64EncodedString()
    }

    @Test(arguments: [0, 1, 2, 3, 7, 20])
    func depthAndConversation(replies: Int) throws {
        let index = try #require(ThreadIndex(header: Self.header(replies: replies)))
        #expect(index.conversationID == Self.guidHex)
        #expect(index.replyDepth == replies)
    }

    @Test func repliesShareTheConversationOfTheFirstMail() throws {
        let first = try #require(ThreadIndex(header: Self.header(replies: 0)))
        let reply = try #require(ThreadIndex(header: Self.header(replies: 4, fileTime: [0xd8, 0, 0, 0, 1])))
        #expect(first.conversationID == reply.conversationID)
        let other = try #require(ThreadIndex(header: Self.header(guid: Array(Self.guid.reversed()), replies: 1)))
        #expect(other.conversationID != first.conversationID)
    }

    /// Spelled-out values (base64 computed independently), with folding and missing padding.
    @Test(arguments: [
        ("Adc+GiKAny xOEQunTT6KUcD/7hI0Vg==", "9f2c4e110ba74d3e8a51c0ffee123456", 0),
        ("Adc+GiKAnyxOEQunTT6KUcD/7hI0Vg", "9f2c4e110ba74d3e8a51c0ffee123456", 0),
        ("  Adc+GiKAnyxOEQunTT6KUcD/7hI0VgAAHUwA\r\n\tAAAdTAE= ", "9f2c4e110ba74d3e8a51c0ffee123456", 2),
        ("Adm2o98AAAECAwQFBgcICQoLDA0ODw==", "000102030405060708090a0b0c0d0e0f", 0),
        ("Adm2o98AAAECAwQFBgcICQoLDA0OD4ABAgME", "000102030405060708090a0b0c0d0e0f", 1),
    ])
    func spelledOut(header: String, conversation: String, depth: Int) throws {
        let index = try #require(ThreadIndex(header: header))
        #expect(index == ThreadIndex(conversationID: conversation, replyDepth: depth))
    }

    @Test(arguments: [
        "",
        "   ",
        "not base64 at all!",
        "Adc+GiKAnyxOEQunTT6KUcD/7hI0", // 21 bytes
        "Adc+GiKAnyxOEQunTT6KUcD/7hI0VgA=", // 23 bytes
        "Adc+GiKAnyxOEQunTT6KUcD/7hI0VgAAHUw=", // 22 + 4 bytes
        "Adc+GiKAnyxOEQunTT6KUcD/7hI0Vg==AAAA", // data after padding
        "Adc+GiKAnyxOEQunTT6KUcD/7hI0Vg===", // too much padding
        "Adc+GiKAnyxOEQunTT6KUcD/7hI0VgAAH", // length ≡ 1 (mod 4)
        "Adc+GiKAAAAAAAAAAAAAAAAAAAAAAA==", // all-zero GUID
        "Adc-GiKAny_OEQunTT6KUcD/7hI0Vg==", // base64url alphabet
    ])
    func malformed(header: String) {
        #expect(ThreadIndex(header: header) == nil)
    }
}
