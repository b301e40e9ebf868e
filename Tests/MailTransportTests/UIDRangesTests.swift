@testable import MailTransport
import Testing

struct UIDRangesTests {
    @Test(arguments: [
        ([UInt32](), [String]()),
        ([7], ["7"]),
        ([1, 2, 3, 4, 5, 7, 9, 10, 11, 12], ["1:5,7,9:12"]),
        ([12, 9, 11, 10, 7, 5, 4, 3, 2, 1, 7, 7], ["1:5,7,9:12"]),
        ([0, 1, 3], ["1,3"]),
        ([4_294_967_294, 4_294_967_295], ["4294967294:4294967295"]),
    ])
    func compresses(_ uids: [UInt32], _ expected: [String]) {
        #expect(UIDRanges.compress(uids) == expected)
    }

    @Test(arguments: [5, 12, 40])
    func chunksStayWithinLimit(_ limit: Int) {
        let uids = stride(from: UInt32(1), to: 200, by: 2).map { $0 }
        let chunks = UIDRanges.compress(uids, maxLength: limit)
        #expect(chunks.allSatisfy { $0.utf8.count <= limit })
        let expanded = chunks.flatMap { $0.split(separator: ",").map { UInt32($0)! } }
        #expect(expanded == uids)
    }

    @Test func manyScatteredUIDsStayUnder8KBPerCommand() {
        let uids = stride(from: UInt32(1_000_000), to: 1_100_000, by: 3).map { $0 }
        let chunks = UIDRanges.compress(uids)
        #expect(chunks.count > 1)
        for chunk in chunks {
            let command = IMAPCommand.uidStoreAddFlags(chunk, ["\\Seen", "$maildesk"])
            #expect(command.utf8.count < 8_192)
        }
        #expect(chunks.joined(separator: ",").split(separator: ",").count == uids.count)
    }
}
