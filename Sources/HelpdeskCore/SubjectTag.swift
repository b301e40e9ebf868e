import Foundation

/// The ticket tag in a subject line: `[#42]` with the configurable prefix `#` (`[helpdesk] subject_tag`).
public struct SubjectTag: Sendable, Equatable {
    public var prefix: String

    public init(prefix: String = "#") {
        self.prefix = prefix
    }

    /// `[#42]` for ticket 42.
    public func tag(for ticketID: Int64) -> String { "[\(prefix)\(ticketID)]" }

    /// All ticket numbers tagged in `subject`, in order of appearance.
    public func ticketIDs(in subject: String) -> [Int64] {
        let opener = "[" + prefix
        var found: [Int64] = []
        var rest = subject[...]
        while let range = rest.range(of: opener) {
            let after = rest[range.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).first == "]",
               let id = Int64(digits), !found.contains(id) {
                found.append(id)
            }
            rest = after
        }
        return found
    }

    /// The subject for mail we send about a ticket: the tag is added once, in front.
    public func taggedSubject(_ subject: String, ticketID: Int64) -> String {
        let trimmed = subject.trimmingCharacters(in: .whitespaces)
        if ticketIDs(in: trimmed).contains(ticketID) { return trimmed }
        return trimmed.isEmpty ? tag(for: ticketID) : "\(tag(for: ticketID)) \(trimmed)"
    }
}
