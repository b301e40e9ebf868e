/// One header field.
/// - SeeAlso: RFC 5322 §2.2 (header fields), §2.2.3 (unfolding)
public struct HeaderField: Sendable {
    /// Field name as written (case preserved).
    public let name: String
    /// Unfolded, undecoded value bytes (leading/trailing whitespace removed).
    public let rawValue: [UInt8]
    /// Unfolded value decoded as UTF-8 (windows-1252 when not valid UTF-8) with RFC 2047 words decoded.
    public let value: String

    public init(name: String, rawValue: [UInt8], value: String) {
        self.name = name
        self.rawValue = rawValue
        self.value = value
    }

    /// The raw value as text without RFC 2047 decoding (for structured fields).
    var rawText: String { ASCII.text(rawValue[...]).0 }
}

extension [HeaderField] {
    /// First field named `name` (case-insensitive).
    func first(named name: String) -> HeaderField? {
        let n = [UInt8](name.utf8)
        return first { Self.nameMatches($0, n) }
    }

    func all(named name: String) -> [HeaderField] {
        let n = [UInt8](name.utf8)
        return filter { Self.nameMatches($0, n) }
    }

    private static func nameMatches(_ f: HeaderField, _ n: [UInt8]) -> Bool {
        let u = f.name.utf8
        guard u.count == n.count else { return false }
        return zip(u, n).allSatisfy { ASCII.lower($0) == ASCII.lower($1) }
    }
}
