import Crypto
import Foundation

/// Makes and verifies the Message-IDs of mail maildesk sends, so that our own mail coming back is
/// recognised by a signature and not by domain (agents write from the support domain too).
///
/// Form: `md.<ticket>.<nonce>.<mac>@<domain>`, mac = first 12 bytes (96 bits) of
/// HMAC-SHA256(key, "md.<ticket>.<nonce>"), hex.
/// - SeeAlso: RFC 5322 §3.6.4 (msg-id syntax: the left side is a dot-atom).
public struct MessageIDSigner: Sendable {
    let secret: [UInt8]
    public let domain: String

    public init(secret: [UInt8], domain: String) {
        self.secret = secret
        self.domain = domain.lowercased()
    }

    /// A new signed Message-ID (without angle brackets) for mail about `ticketID`.
    public func make(ticketID: Int64, nonce: [UInt8] = randomNonce()) -> String {
        let left = "md.\(ticketID).\(hex(nonce))"
        return "\(left).\(mac(left))@\(domain)"
    }

    /// The ticket a Message-ID names, if we signed it.
    public func verify(_ messageID: String) -> Int64? {
        let id = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        guard let at = id.lastIndex(of: "@") else { return nil }
        let parts = id[..<at].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "md", let ticket = Int64(parts[1]) else { return nil }
        let left = "md.\(parts[1]).\(parts[2])"
        guard constantTimeEqual(mac(left), String(parts[3])) else { return nil }
        return ticket
    }

    func mac(_ text: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: secret))
        return hex(Array(code.prefix(12)))
    }

    public static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
}
