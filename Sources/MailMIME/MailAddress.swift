/// A mailbox: optional display name and an addr-spec.
/// - SeeAlso: RFC 5322 §3.4 (address specification), RFC 2047 §5(3) (encoded words in phrases)
public struct MailAddress: Sendable, Hashable, Codable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// The mailbox for an outgoing header: `"Name" <a@b>`, RFC 2047-encoded when the name is not ASCII,
    /// or the bare address when there is no name. Line breaks are removed (no header injection).
    public var formatted: String {
        let addr = Self.stripControls(address)
        guard let raw = name, case let n = Self.stripControls(raw), !n.isEmpty else { return addr }
        if n.unicodeScalars.contains(where: { $0.value >= 0x7F }) {
            return "\(EncodedWords.encodeIfNeeded(n)) <\(addr)>"
        }
        return QuotedString.quote(n) + " <\(addr)>"
    }

    private static func stripControls(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F { if !(out.last == " ") { out.append(" ") } } else { out.append(u) }
        }
        return ASCII.trim(String(out))
    }
}
