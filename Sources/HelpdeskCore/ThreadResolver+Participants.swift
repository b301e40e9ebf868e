import Foundation

/// What a sender must be for an identifier their mail carried to thread it (docs/design.md#threading).
extension ThreadResolver {
    /// The ticket of the newest Message-ID in In-Reply-To/References that may thread this mail. Our own
    /// HMAC-signed Message-IDs are proof (a forged one is rejected); any other stored Message-ID (the
    /// customer's own, known to everyone they copied) counts only for a participant of its ticket or a
    /// proven agent, like a subject tag.
    func referencedTicket(_ input: ThreadingInput, rejected: inout [RejectedCandidate],
                          directory: some TicketDirectory) throws -> Int64? {
        var chain: [String] = []
        for id in input.inReplyTo + input.references.reversed() where !chain.contains(id) { chain.append(id) }
        for id in chain {
            let signed = signer.map { $0.verify(id) != nil } ?? false
            if !signed, let signer, id.lowercased().hasSuffix("@" + signer.domain), id.hasPrefix("md.") {
                rejected.append(.init(rule: .references, candidate: id, why: "claims to be ours but the signature does not verify"))
                continue
            }
            guard let ticket = try directory.ticketID(forMessageID: id) else { continue }
            if try signed || participates(input, in: ticket, rule: .references, candidate: id,
                                          rejected: &rejected, directory: directory) {
                return ticket
            }
        }
        return nil
    }

    /// Whether the sender may add to `ticket` on an identifier anyone copied could know: a participant
    /// (customer or someone copied) or a proven agent. Otherwise the candidate is recorded as rejected.
    func participates(_ input: ThreadingInput, in ticket: Int64, rule: ThreadRule, candidate: String,
                      rejected: inout [RejectedCandidate], directory: some TicketDirectory) throws -> Bool {
        if try input.senderIsProvenAgent || directory.isParticipant(input.sender, ofTicket: ticket) { return true }
        rejected.append(.init(rule: rule, candidate: candidate,
                              why: "sender \(input.sender) is not a participant of ticket \(ticket)"))
        return false
    }
}
