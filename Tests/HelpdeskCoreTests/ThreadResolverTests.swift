import Foundation
import HelpdeskCore
import Testing

/// An in-memory ticket directory for the threading rules.
struct FakeDirectory: TicketDirectory {
    var messageIDs: [String: Int64] = [:]
    var statuses: [Int64: TicketStatus] = [:]
    var participants: [Int64: Set<String>] = [:]

    func ticketID(forMessageID id: String) throws -> Int64? { messageIDs[id] }
    func status(ofTicket id: Int64) throws -> TicketStatus? { statuses[id] }
    func isParticipant(_ address: String, ofTicket id: Int64) throws -> Bool {
        participants[id]?.contains(address.lowercased()) ?? false
    }
    var conversations: [String: Int64] = [:]
    func ticketID(forThreadIndex conversationID: String) throws -> Int64? { conversations[conversationID] }
    /// (customer, subject key) → (ticket, created)
    var subjects: [String: (Int64, Date)] = [:]
    func ticketID(customer: String, subjectKey: String, since: Date) throws -> Int64? {
        guard let (ticket, created) = subjects[customer + "|" + subjectKey], created >= since else { return nil }
        return ticket
    }
}

@Suite struct ThreadResolverTests {
    let signer = MessageIDSigner(secret: Array(repeating: 1, count: 32), domain: "maildesk.test")
    var resolver: ThreadResolver { ThreadResolver(subjectTag: SubjectTag(), closedReply: .reopen, signer: signer) }
    var directory: FakeDirectory {
        FakeDirectory(messageIDs: ["a@customer.test": 1, "b@customer.test": 2],
                      statuses: [1: .open, 2: .open, 3: .closed],
                      participants: [1: ["ana@customer.test"], 2: ["bo@customer.test"], 3: ["ana@customer.test"]])
    }

    func input(inReplyTo: [String] = [], references: [String] = [], subject: String = "hi",
               sender: String = "ana@customer.test") -> ThreadingInput {
        ThreadingInput(inReplyTo: inReplyTo, references: references, subject: subject, sender: sender)
    }

    @Test func newestReferenceWins() throws {
        var dir = directory
        dir.participants[2, default: []].insert("ana@customer.test")
        let decision = try resolver.resolve(input(references: ["a@customer.test", "b@customer.test"]), in: dir)
        #expect(decision.rule == .references)
        #expect(decision.ticketID == 2)
    }

    @Test func inReplyToBeforeReferences() throws {
        let decision = try resolver.resolve(input(inReplyTo: ["a@customer.test"], references: ["b@customer.test"]), in: directory)
        #expect(decision.ticketID == 1)
    }

    @Test func forgedOwnMessageIDIsRejected() throws {
        var dir = directory
        let genuine = signer.make(ticketID: 1)
        let forged = "md.2.0011223344556677.000000000000000000000000@maildesk.test"
        dir.messageIDs[forged] = 2
        dir.messageIDs[genuine] = 1
        let decision = try resolver.resolve(input(references: [genuine, forged]), in: dir)
        #expect(decision.ticketID == 1)
        #expect(decision.rejected.first?.candidate == forged)
    }

    @Test func customerMessageIDThreadsOnlyForParticipants() throws {
        let stranger = try resolver.resolve(input(inReplyTo: ["a@customer.test"], sender: "eve@evil.test"), in: directory)
        #expect(stranger.rule == .new)
        #expect(stranger.ticketID == nil)
        #expect(stranger.rejected == [RejectedCandidate(rule: .references, candidate: "a@customer.test",
                                                        why: "sender eve@evil.test is not a participant of ticket 1")])
        var dir = directory
        dir.participants[1, default: []].insert("cc@customer.test")
        let copied = try resolver.resolve(input(inReplyTo: ["a@customer.test"], sender: "CC@customer.test"), in: dir)
        #expect(copied.rule == .references)
        #expect(copied.ticketID == 1)
    }

    @Test func strangerDoesNotReopenAClosedTicketByReferences() throws {
        var dir = directory
        dir.messageIDs["c@customer.test"] = 3
        let decision = try resolver.resolve(input(references: ["c@customer.test"], sender: "eve@evil.test"), in: dir)
        #expect(decision.ticketID == nil)
        #expect(!decision.reopen)
        #expect(decision.followsClosedTicket == nil)
        #expect(decision.rejected.map(\.rule) == [.references])
    }

    @Test func refusedCustomerIDFallsBackToAnOlderSignedID() throws {
        var dir = directory
        let ours = signer.make(ticketID: 2)
        dir.messageIDs[ours] = 2
        let decision = try resolver.resolve(input(inReplyTo: ["a@customer.test"], references: [ours], sender: "eve@evil.test"), in: dir)
        #expect(decision.rule == .references)
        #expect(decision.ticketID == 2)
        #expect(decision.rejected.map(\.candidate) == ["a@customer.test"])
    }

    @Test func ownSignedMessageIDStaysProofForAnyone() throws {
        var dir = directory
        let ours = signer.make(ticketID: 1)
        dir.messageIDs[ours] = 1
        let decision = try resolver.resolve(input(inReplyTo: [ours], sender: "new.colleague@customer.test"), in: dir)
        #expect(decision.rule == .references)
        #expect(decision.ticketID == 1)
        #expect(decision.rejected.isEmpty)
    }

    @Test func provenAgentThreadsByCustomerMessageID() throws {
        var mail = input(inReplyTo: ["b@customer.test"], sender: "alice@maildesk.test")
        #expect(try resolver.resolve(mail, in: directory).rule == .new)
        mail.senderIsProvenAgent = true
        let decision = try resolver.resolve(mail, in: directory)
        #expect(decision.rule == .references)
        #expect(decision.ticketID == 2)
    }

    @Test func threadIndexOnlyForParticipants() throws {
        var dir = directory
        dir.conversations["00112233445566778899aabbccddeeff"] = 2
        var mail = input(subject: "RE: totals", sender: "eve@evil.test")
        mail.threadIndex = "00112233445566778899aabbccddeeff"
        let decision = try resolver.resolve(mail, in: dir)
        #expect(decision.rule == .new)
        #expect(decision.rejected == [RejectedCandidate(rule: .threadIndex, candidate: "00112233445566778899aabbccddeeff",
                                                        why: "sender eve@evil.test is not a participant of ticket 2")])
    }

    @Test func subjectTagOnlyForParticipants() throws {
        let own = try resolver.resolve(input(subject: "Re: [#1] login", sender: "ana@customer.test"), in: directory)
        #expect(own.rule == .subjectTag)
        #expect(own.ticketID == 1)
        let stranger = try resolver.resolve(input(subject: "Re: [#1] login", sender: "eve@evil.test"), in: directory)
        #expect(stranger.rule == .new)
        #expect(stranger.ticketID == nil)
        #expect(stranger.rejected.map(\.rule) == [.subjectTag])
    }

    @Test func unknownTagGivesNewTicket() throws {
        let decision = try resolver.resolve(input(subject: "[#99] hello"), in: directory)
        #expect(decision.rule == .new)
        #expect(decision.rejected.first?.why == "no such ticket")
    }

    @Test func closedTicketReopensOrStartsNew() throws {
        let reopen = try resolver.resolve(input(subject: "[#3] again"), in: directory)
        #expect(reopen.ticketID == 3)
        #expect(reopen.reopen)
        let fresh = try ThreadResolver(subjectTag: SubjectTag(), closedReply: .new, signer: signer)
            .resolve(input(subject: "[#3] again"), in: directory)
        #expect(fresh.ticketID == nil)
        #expect(fresh.followsClosedTicket == 3)
    }

    @Test func signedTokenWinsAndForgedTokenIsRejected() throws {
        let codec = ReplyTokenCodec(secret: Array(repeating: 9, count: 32))
        let resolver = ThreadResolver(subjectTag: SubjectTag(), closedReply: .reopen, signer: signer,
                                      tokens: codec, supportAddress: "support@maildesk.test")
        let good = codec.address(for: ReplyToken(ticketID: 2, role: .customer), base: "support@maildesk.test")
        let decision = try resolver.resolve(input(references: ["a@customer.test"]).with(recipients: [good.uppercased()]), in: directory)
        #expect(decision.rule == .token)
        #expect(decision.ticketID == 2)
        let forged = "support+c1-1-aaaaaaaaaaaaaaaa@maildesk.test"
        let fallback = try resolver.resolve(input(references: ["a@customer.test"]).with(recipients: [forged]), in: directory)
        #expect(fallback.rule == .references)
        #expect(fallback.ticketID == 1)
        #expect(fallback.rejected.map(\.rule) == [.token])
    }

    @Test func threadIndexFindsConversationWithoutReferences() throws {
        var dir = directory
        dir.conversations["00112233445566778899aabbccddeeff"] = 2
        var mail = input(subject: "RE: totals", sender: "bo@customer.test")
        mail.threadIndex = "00112233445566778899aabbccddeeff"
        let decision = try resolver.resolve(mail, in: dir)
        #expect(decision.rule == .threadIndex)
        #expect(decision.ticketID == 2)
    }
}

@Suite struct SameSubjectRuleTests {
    @Test func offByDefaultAndBoundedInTime() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var dir = FakeDirectory(statuses: [7: .open])
        dir.subjects["ana@customer.test|printer on fire"] = (7, now.addingTimeInterval(-2 * 86_400))
        let input = ThreadingInput(inReplyTo: [], references: [], subject: "AW: Re: Printer on fire", sender: "Ana@customer.test")
        var resolver = ThreadResolver(subjectTag: SubjectTag(), closedReply: .reopen, signer: nil)
        resolver.now = now
        #expect(try resolver.resolve(input, in: dir).rule == .new)
        resolver.sameSubjectDays = 3
        let decision = try resolver.resolve(input, in: dir)
        #expect(decision.rule == .sameSubject)
        #expect(decision.ticketID == 7)
        resolver.sameSubjectDays = 1
        #expect(try resolver.resolve(input, in: dir).rule == .new)
    }
}

extension ThreadingInput {
    func with(recipients: [String]) -> ThreadingInput {
        var copy = self
        copy.recipients = recipients
        return copy
    }
}
