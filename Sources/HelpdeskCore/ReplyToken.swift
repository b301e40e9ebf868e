import Crypto
import Foundation

/// What a signed plus-address names: a ticket, the role of the address (customer reply, agent reply,
/// internal note, bounce/VERP), and for agent addresses the agent, for bounce addresses the outbox row.
/// - SeeAlso: RFC 5233 (subaddress extension), RFC 5321 §4.5.3.1.1 (local part ≤ 64 octets)
public struct ReplyToken: Sendable, Equatable, Hashable {
    public enum Role: String, Sendable, CaseIterable {
        case customer, agent, note, bounce

        /// The one-letter code used in the token text.
        var code: Character {
            switch self {
            case .customer: "c"
            case .agent: "a"
            case .note: "n"
            case .bounce: "b"
            }
        }
    }

    public var ticketID: Int64
    public var role: Role
    /// The agent's configured id (letters, digits, `.`, `_`, `-`); nil or empty when not an agent address.
    public var agentID: String?
    /// The outbox row (one recipient of one outbound mail) a bounce address names (VERP).
    public var outboxID: Int64?

    public init(ticketID: Int64, role: Role, agentID: String? = nil, outboxID: Int64? = nil) {
        self.ticketID = ticketID
        self.role = role
        self.agentID = agentID
        self.outboxID = outboxID
    }
}

/// Encodes, signs and verifies reply tokens, and finds them in addresses.
///
/// Token text (lowercase letters, digits and `-` only, so a change of case by an MTA or a person does
/// not break it): `<role><version>-<ticket base36>[-a<agent base32>][-o<outbox base36>]-<mac>`, e.g.
/// `c1-16-3yqgm7z3u6xdwb2k`. mac = the first 10 bytes (80 bits) of HMAC-SHA256(key, "maildesk-token:" +
/// everything before the last `-`), base32 lowercase, 16 characters. Length: 3 + ticket (≤ 13) +
/// 2 + 1.6 × agent id bytes + 2 + outbox (≤ 13) + 17; `support+` plus a token for ticket 9,999,999 and
/// an 11-byte agent id is 53 octets, within RFC 5321's 64. Agent ids over ~18 bytes may exceed it.
/// - SeeAlso: RFC 2104 (HMAC), RFC 4648 §6 (base32)
public struct ReplyTokenCodec: Sendable {
    let secret: [UInt8]
    static let version: Character = "1"
    static let macBytes = 10

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The token text for the part after `+`.
    public func encode(_ token: ReplyToken) -> String {
        let body = Self.body(token)
        return body + "-" + mac(body)
    }

    /// The token a text names, if it is well formed and its MAC verifies (case-insensitively).
    public func decode(_ text: String) -> ReplyToken? {
        let text = text.lowercased()
        guard text.utf8.count <= 128 else { return nil }
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[0].count == 2, fields[0].last == Self.version,
              let role = ReplyToken.Role.allCases.first(where: { $0.code == fields[0].first }),
              let ticket = Self.number(fields[1])
        else { return nil }
        var token = ReplyToken(ticketID: ticket, role: role)
        for field in fields.dropFirst(2).dropLast() {
            let value = field.dropFirst()
            switch field.first {
            case "a" where token.agentID == nil && token.outboxID == nil:
                guard let bytes = Base32.decode(value), let agent = String(validating: bytes, as: UTF8.self)
                else { return nil }
                token.agentID = agent
            case "o" where token.outboxID == nil:
                guard let outbox = Self.number(value) else { return nil }
                token.outboxID = outbox
            default:
                return nil
            }
        }
        // Only the canonical text verifies: no leading zeros, no reordered or repeated fields.
        guard constantTimeEqual(encode(token), text) else { return nil }
        return token
    }

    /// `support+TOKEN@example.com` for base `support@example.com`.
    public func address(for token: ReplyToken, base: String) -> String {
        guard let at = base.lastIndex(of: "@") else { return base + "+" + encode(token) }
        return base[..<at] + "+" + encode(token) + base[at...]
    }

    /// The verified token of an address `local+TOKEN@domain` whose local part (before `+`) and domain
    /// equal those of `base`, case-insensitively; angle brackets and white space around it are ignored.
    public func token(inAddress address: String, base: String) -> ReplyToken? {
        let trimmed = address.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["<", ">"])
        guard let at = trimmed.lastIndex(of: "@"), let baseAt = base.lastIndex(of: "@"),
              trimmed[trimmed.index(after: at)...].lowercased() == base[base.index(after: baseAt)...].lowercased()
        else { return nil }
        let local = trimmed[..<at]
        guard let plus = local.firstIndex(of: "+"),
              local[..<plus].lowercased() == base[..<baseAt].lowercased()
        else { return nil }
        return decode(String(local[local.index(after: plus)...]))
    }

    static func body(_ token: ReplyToken) -> String {
        var body = "\(token.role.code)\(version)-" + String(UInt64(bitPattern: token.ticketID), radix: 36)
        if let agent = token.agentID, !agent.isEmpty { body += "-a" + Base32.encode(Array(agent.utf8)) }
        if let outbox = token.outboxID { body += "-o" + String(UInt64(bitPattern: outbox), radix: 36) }
        return body
    }

    static func number(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 13, let value = UInt64(text, radix: 36) else { return nil }
        return Int64(bitPattern: value)
    }

    func mac(_ body: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(("maildesk-token:" + body).utf8),
                                                   using: SymmetricKey(data: secret))
        return Base32.encode(Array(code.prefix(Self.macBytes)))
    }
}

/// RFC 4648 base32 with the lowercase alphabet and no padding.
/// - SeeAlso: RFC 4648 §6
enum Base32 {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8](), buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: Substring) -> [UInt8]? {
        var out = [UInt8](), buffer: UInt32 = 0, bits = 0
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out.isEmpty ? nil : out
    }
}
