import Foundation

/// Decides whether the receiving MTA we trust authenticated a mail's From domain, so that mail from an
/// agent's address may act as that agent without a reply token.
///
/// Only the topmost `Authentication-Results` field whose authserv-id equals the trusted one counts
/// (a compliant MTA removes or sits above forged copies). Passing: `dmarc=pass` (with `header.from`, when
/// given, equal to the From domain); or `dkim=pass` whose `header.d` (else `header.i`) domain is
/// aligned; or `spf=pass` whose `smtp.mailfrom` (else `smtp.mail`) domain is aligned. Aligned (relaxed)
/// here means equal, or one a parent domain of the other with at least two labels — stricter than
/// DMARC's organisational domain (no Public Suffix List: sibling subdomains do not align).
/// A `dmarc=fail` for the From domain refuses outright.
/// - SeeAlso: RFC 8601 §5 and §7.1 (trusting only one's own authserv-id), RFC 7489 §3.1 (alignment)
public enum AgentIdentity {
    public static func isAuthenticated(fromAddress: String, headers: [String],
                                       trustedAuthservID: String) -> (Bool, reason: String) {
        let trusted = trustedAuthservID.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trusted.isEmpty else { return (false, "no trusted authserv-id configured") }
        guard fromAddress.contains("@"), let fromDomain = domain(of: fromAddress) else {
            return (false, "From address \(fromAddress) has no domain")
        }
        guard let field = headers.lazy.compactMap({ AuthenticationResults(header: $0) })
            .first(where: { $0.authservID.lowercased() == trusted })
        else { return (false, "no Authentication-Results from \(trusted)") }

        let dmarc = field.results.filter {
            $0.method == "dmarc" && (domain(of: $0.property("header.from") ?? fromDomain) == fromDomain)
        }
        if dmarc.contains(where: { $0.result == "fail" }) {
            return (false, "dmarc=fail for \(fromDomain) in Authentication-Results from \(trusted)")
        }
        if dmarc.contains(where: { $0.result == "pass" }) {
            return (true, "dmarc=pass for \(fromDomain) in Authentication-Results from \(trusted)")
        }
        var seen: [String] = []
        for result in field.results where result.result == "pass" {
            let keys: [String]
            switch result.method {
            case "dkim": keys = ["header.d", "header.i"]  // GMX and others write only header.i=@domain
            case "spf": keys = ["smtp.mailfrom", "smtp.mail"]  // smtp.mail: older Gmail (RFC 5451 era)
            default: continue
            }
            guard let key = keys.first(where: { result.property($0) != nil }),
                  let signer = domain(of: result.property(key)!) else {
                seen.append("\(result.method)=pass without \(keys[0])")
                continue
            }
            if aligned(signer, fromDomain) {
                return (true, "\(result.method)=pass with \(key)=\(signer) aligned to \(fromDomain) in Authentication-Results from \(trusted)")
            }
            seen.append("\(result.method)=pass but \(key)=\(signer) is not aligned to \(fromDomain)")
        }
        let detail = seen.isEmpty ? "no dmarc, dkim or spf pass" : seen.joined(separator: "; ")
        return (false, "\(detail) in Authentication-Results from \(trusted)")
    }

    /// The lowercased domain of `user@domain`, `<user@domain>`, `@domain` or a bare `domain`, without a
    /// trailing dot; nil when empty or not domain-like.
    static func domain(of text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["<", ">"])
        if let at = value.lastIndex(of: "@") { value = String(value[value.index(after: at)...]) }
        value = value.lowercased()
        while value.hasSuffix(".") { value.removeLast() }
        guard !value.isEmpty, !value.hasPrefix("."), !value.contains(".."),
              value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
        else { return nil }
        return value
    }

    /// Equal, or one is a subdomain of the other and the shorter one has at least two labels.
    static func aligned(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.contains(".") && long.hasSuffix("." + short)
    }
}
