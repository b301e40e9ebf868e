import Foundation

/// Loose checks for the mail addresses and server URLs in the config.
enum AddressRules {
    /// One `@`, non-empty local part and domain, no whitespace or angle brackets.
    /// - SeeAlso: RFC 5322 §3.4.1 (addr-spec = local-part "@" domain), checked loosely on purpose.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" }
    }

    /// `nil` when `text` is a URL with one of `schemes` and a host; otherwise what is wrong with it.
    /// - SeeAlso: RFC 5092 §2 (imap URL), RFC 8314 §3 (smtps)
    static func urlProblem(_ text: String, schemes: [String]) -> String? {
        let expected = schemes.map { "\($0)://" }.joined(separator: " or ")
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), schemes.contains(scheme)
        else { return "expected a \(expected) URL, got \"\(text)\"" }
        guard let host = components.host, !host.isEmpty else {
            return "\"\(text)\" has no host (expected \(expected)HOST)"
        }
        return nil
    }

    /// Whether the URL's host is `localhost`, 127.0.0.0/8 or ::1 (plaintext is allowed there only).
    static func isLoopbackURL(_ text: String) -> Bool {
        guard let host = URLComponents(string: text)?.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
