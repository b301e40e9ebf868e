import Foundation

/// The content of a `message/delivery-status` part: per-message fields, then one group of fields per
/// recipient, groups separated by blank lines; fields may be folded; addresses carry a type (`rfc822;`).
///
/// Lenient: CRLF or LF, extra blank lines, comments after the status (`5.0.0 (permanent failure)`),
/// recipients not separated by a blank line (a repeated field starts a new recipient), a missing Status
/// taken from the Diagnostic-Code (`550 5.1.1 …`), a missing or unknown Action taken from the status class.
/// Nil when no recipient has a Final-Recipient.
/// - SeeAlso: RFC 3464 §2.1–§2.3 (fields), RFC 3463 §2 (status codes)
public struct DeliveryStatusReport: Sendable, Equatable {
    /// - SeeAlso: RFC 3464 §2.3.3
    public enum Action: String, Sendable {
        case failed, delayed, delivered, relayed, expanded
    }

    /// - SeeAlso: RFC 3464 §2.3
    public struct Recipient: Sendable, Equatable {
        /// The address without its type (`rfc822;`) and angle brackets.
        public var finalRecipient: String
        public var originalRecipient: String?
        public var action: Action
        /// The RFC 3463 code, e.g. `5.1.1`; empty when the report gives none.
        public var status: String
        /// The text after the diagnostic type (`smtp;`), folding collapsed.
        public var diagnosticCode: String?
        public var remoteMTA: String?

        public init(finalRecipient: String, originalRecipient: String? = nil, action: Action, status: String,
                    diagnosticCode: String? = nil, remoteMTA: String? = nil) {
            self.finalRecipient = finalRecipient
            self.originalRecipient = originalRecipient
            self.action = action
            self.status = status
            self.diagnosticCode = diagnosticCode
            self.remoteMTA = remoteMTA
        }

        /// 2, 4 or 5 (the first digit of the status), nil without a status.
        public var statusClass: Int? { status.first?.wholeNumberValue }
    }

    /// The MTA name without its type (`dns;`) and trailing comments.
    public var reportingMTA: String?
    public var originalEnvelopeID: String?
    /// `X-Original-Message-ID` (Gmail, Exchange), without angle brackets: the bounced mail's Message-ID.
    public var originalMessageID: String?
    public var recipients: [Recipient]

    public init(reportingMTA: String? = nil, originalEnvelopeID: String? = nil, originalMessageID: String? = nil,
                recipients: [Recipient]) {
        self.reportingMTA = reportingMTA
        self.originalEnvelopeID = originalEnvelopeID
        self.originalMessageID = originalMessageID
        self.recipients = recipients
    }

    /// True when delivery to some recipient failed for good (Action `failed`, or a 5.x.x status).
    public var isPermanentFailure: Bool {
        recipients.contains { $0.action == .failed || $0.statusClass == 5 }
    }

    public init?(text: String) {
        var reportingMTA: String?, envelopeID: String?, messageID: String?
        var recipients: [Recipient] = []
        for group in Self.groups(Array(text.utf8)) {
            var current: [String: String] = [:]
            for (name, value) in group {
                switch name {
                case "reporting-mta": reportingMTA = reportingMTA ?? Self.hostName(value)
                case "original-envelope-id": envelopeID = envelopeID ?? value
                case "x-original-message-id", "original-message-id":
                    messageID = messageID ?? Self.stripType("x;" + value)
                case "final-recipient", "original-recipient", "action", "status", "diagnostic-code", "remote-mta":
                    if current[name] != nil {
                        if let recipient = Self.recipient(current) { recipients.append(recipient) }
                        current = [:]
                    }
                    current[name] = value
                default: break
                }
            }
            if let recipient = Self.recipient(current) { recipients.append(recipient) }
        }
        guard !recipients.isEmpty else { return nil }
        self.init(reportingMTA: reportingMTA, originalEnvelopeID: envelopeID, originalMessageID: messageID,
                  recipients: recipients)
    }

    static func recipient(_ fields: [String: String]) -> Recipient? {
        guard let final = fields["final-recipient"].map(stripType), !final.isEmpty else { return nil }
        let diagnostic = fields["diagnostic-code"].map(stripType)
        let status = statusCode(in: fields["status"] ?? "") ?? diagnostic.flatMap(statusCode) ?? ""
        let fromStatus: Action? = switch status.first {
        case "5": .failed
        case "4": .delayed
        case "2": .delivered
        default: nil
        }
        guard let action = fields["action"].flatMap({ Action(rawValue: $0.lowercased()) }) ?? fromStatus
        else { return nil }
        return Recipient(finalRecipient: final, originalRecipient: fields["original-recipient"].map(stripType),
                         action: action, status: status, diagnosticCode: diagnostic,
                         remoteMTA: fields["remote-mta"].flatMap(hostName))
    }

    /// Field groups: lines unfolded, names lowercased, values trimmed with white space collapsed.
    /// - SeeAlso: RFC 5322 §2.2.3 (unfolding)
    static func groups(_ bytes: [UInt8]) -> [[(String, String)]] {
        var groups: [[(String, String)]] = [], group: [(name: String, value: [UInt8])] = []
        func close() {
            if !group.isEmpty { groups.append(group.map { ($0.name, collapse(text($0.value[...]))) }) }
            group = []
        }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = line.last == 0x0D ? line.dropLast() : line
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                close()
            } else if line.first == 0x20 || line.first == 0x09 {
                if !group.isEmpty { group[group.count - 1].value += [0x20] + line }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                let name = text(line[..<colon]).trimmingCharacters(in: .whitespaces).lowercased()
                group.append((name, Array(line[(colon + 1)...])))
            }
        }
        close()
        return groups
    }

    /// `rfc822; <a@b>` → `a@b`, `dns; mx.example` → `mx.example`, `smtp; 550 …` → `550 …`.
    static func stripType(_ value: String) -> String {
        var rest = Substring(value)
        if let semicolon = rest.firstIndex(of: ";"),
           rest[..<semicolon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            rest = rest[rest.index(after: semicolon)...]
        }
        let trimmed = rest.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), !trimmed.dropFirst().contains("<") {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }

    /// `dns; mx.example.org. (192.0.2.1, the server …)` → `mx.example.org`.
    static func hostName(_ value: String) -> String? {
        guard var host = stripType(value).split(separator: " ").first.map(String.init) else { return nil }
        while host.hasSuffix(".") { host.removeLast() }
        return host.isEmpty ? nil : host
    }

    /// The first `class.subject.detail` code (RFC 3463: 2/4/5, 1–3 digits, 1–3 digits) in a text.
    static func statusCode(in text: String) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "#" }) {
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, ["2", "4", "5"].contains(parts[0]),
                  parts.dropFirst().allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { continue }
            return String(word)
        }
        return nil
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
