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
        let decision = try resolver.resolve(input(references: ["a@customer.test", "b@customer.test"]), in: directory)
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
}
