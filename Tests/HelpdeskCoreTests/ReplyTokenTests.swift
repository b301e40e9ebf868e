import Foundation
import HelpdeskCore
import Testing

@Suite struct ReplyTokenTests {
    let codec = ReplyTokenCodec(secret: Array("a 32-byte secret for the tests!!".utf8))
    let base = "support@example.com"

    static let tokens: [ReplyToken] = [
        ReplyToken(ticketID: 1, role: .customer),
        ReplyToken(ticketID: 42, role: .customer),
        ReplyToken(ticketID: 123_456_789, role: .customer),
        ReplyToken(ticketID: 42, role: .agent, agentID: "alice"),
        ReplyToken(ticketID: 42, role: .agent, agentID: "Alice.Smith_2-b"),
        ReplyToken(ticketID: 42, role: .note, agentID: "bob"),
        ReplyToken(ticketID: 42, role: .note),
        ReplyToken(ticketID: 42, role: .bounce, outboxID: 987_654),
        ReplyToken(ticketID: 42, role: .bounce, agentID: "x", outboxID: 1),
        ReplyToken(ticketID: Int64.max, role: .bounce, outboxID: Int64.max),
        ReplyToken(ticketID: 0, role: .customer),
        ReplyToken(ticketID: -5, role: .customer),
    ]

    @Test(arguments: tokens)
    func roundTrip(token: ReplyToken) {
        let text = codec.encode(token)
        #expect(text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        #expect(codec.decode(text) == token)
        #expect(codec.decode(text.uppercased()) == token, "MTAs and people may change case")
        let address = codec.address(for: token, base: base)
        #expect(address.hasPrefix("support+") && address.hasSuffix("@example.com"))
        #expect(codec.token(inAddress: address, base: base) == token)
        #expect(codec.token(inAddress: "<\(address.uppercased())>", base: "Support@Example.COM") == token)
    }

    @Test(arguments: [
        ReplyToken(ticketID: 9_999_999, role: .agent, agentID: "alice.smith"),
        ReplyToken(ticketID: 9_999_999, role: .bounce, outboxID: 99_999_999),
        ReplyToken(ticketID: 9_999_999, role: .note, agentID: "support-team_2"),
    ])
    func localPartFitsRFC5321(token: ReplyToken) {
        let address = codec.address(for: token, base: base)
        let local = address.split(separator: "@")[0]
        #expect(local.utf8.count <= 64, "\(local) is \(local.utf8.count) octets")
    }

    @Test func macIsAtLeast64Bits() {
        let text = codec.encode(ReplyToken(ticketID: 7, role: .customer))
        let mac = text.split(separator: "-").last!
        #expect(mac.count * 5 >= 80)
        #expect(text.hasPrefix("c1-7-"))
    }

    @Test func everyRoleAndFieldChangesTheToken() {
        let variants = [
            ReplyToken(ticketID: 7, role: .customer), ReplyToken(ticketID: 8, role: .customer),
            ReplyToken(ticketID: 7, role: .agent, agentID: "a"), ReplyToken(ticketID: 7, role: .note, agentID: "a"),
            ReplyToken(ticketID: 7, role: .agent, agentID: "b"), ReplyToken(ticketID: 7, role: .bounce, outboxID: 1),
            ReplyToken(ticketID: 7, role: .bounce, outboxID: 2),
        ]
        #expect(Set(variants.map(codec.encode)).count == variants.count)
    }

    @Test func anotherSecretDoesNotVerify() {
        let text = codec.encode(ReplyToken(ticketID: 42, role: .agent, agentID: "alice"))
        #expect(ReplyTokenCodec(secret: Array("another secret".utf8)).decode(text) == nil)
    }

    /// Forgeries and damage: each must be rejected.
    @Test(arguments: [
        { (t: String) in t.replacingFirst("c1-", with: "a1-") },       // role changed
        { (t: String) in t.replacingFirst("c1-", with: "c2-") },       // unknown version
        { (t: String) in t.replacingFirst("c1-16", with: "c1-17") },   // ticket changed
        { (t: String) in t.replacingFirst("c1-16", with: "c1-016") },  // non-canonical number
        { (t: String) in String(t.dropLast()) },                        // mac truncated
        { (t: String) in t + "a" },                                     // mac extended
        { (t: String) in String(t.dropLast()) + (t.last == "a" ? "b" : "a") }, // mac changed
        { (t: String) in t.replacingFirst("c1-16-", with: "c1-16-ombqw-") },   // field inserted
        { (_: String) in "" },
        { (_: String) in "c1" },
        { (_: String) in "c1--" },
        { (_: String) in "x1-16-aaaaaaaaaaaaaaaa" },
        { (_: String) in String(repeating: "a", count: 300) },
    ] as [@Sendable (String) -> String])
    func rejects(mutate: @Sendable (String) -> String) {
        let text = codec.encode(ReplyToken(ticketID: 42, role: .customer))
        #expect(text.hasPrefix("c1-16-"))
        #expect(codec.decode(mutate(text)) == nil)
    }

    @Test(arguments: [
        "support@example.com",            // no token
        "sales+TOKEN@example.com",        // other local part
        "support+TOKEN@example.org",      // other domain
        "support+TOKEN@mail.example.com", // subdomain
        "xsupport+TOKEN@example.com",
        "support+TOKEN",
        "support-TOKEN@example.com",
    ])
    func addressMustMatchBase(pattern: String) {
        let token = codec.encode(ReplyToken(ticketID: 42, role: .customer))
        #expect(codec.token(inAddress: pattern.replacingFirst("TOKEN", with: token), base: base) == nil)
    }

    @Test func tokenFromAgentAddressKeepsAgentCase() throws {
        let token = ReplyToken(ticketID: 3, role: .agent, agentID: "Bob_2")
        let found = try #require(codec.token(inAddress: codec.address(for: token, base: base).uppercased(), base: base))
        #expect(found.agentID == "Bob_2")
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let found = range(of: target) else { return self }
        return self[..<found.lowerBound] + replacement + self[found.upperBound...]
    }
}
