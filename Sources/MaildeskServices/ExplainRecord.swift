import HelpdeskCore
import MailMIME
import MaildeskStore

/// Why a mail went where it did, stored with its entry for `explain`.
struct ExplainRecord {
    var rule: ThreadRule
    var rejected: [RejectedCandidate]
    var mailClass: MailClass
    var classHeaders: [String]
    var trim: TrimResult?
    /// Whether the sender is an agent, and whether the mail proved it (nil: not an agent's address).
    var agent: AgentRecognition = .notAnAgent

    func json() -> String {
        var agentJSON = "null"
        switch agent {
        case .notAnAgent: break
        case let .verified(who, how):
            agentJSON = JSONText.object([("how", JSONText.string(how)), ("id", JSONText.string(who.id)), ("verified", "true")])
        case let .unverified(who, why):
            agentJSON = JSONText.object([("id", JSONText.string(who.id)), ("verified", "false"), ("why", JSONText.string(why))])
        }
        return JSONText.object([
            ("agent", agentJSON),
            ("class_headers", JSONText.array(classHeaders.map { JSONText.string($0) })),
            ("mail_class", JSONText.string(mailClass.rawValue)),
            ("rejected", JSONText.array(rejected.map {
                JSONText.object([("candidate", JSONText.string($0.candidate)), ("rule", JSONText.string($0.rule.rawValue)),
                                 ("why", JSONText.string($0.why))])
            })),
            ("rule", JSONText.string(rule.rawValue)),
            ("trim", trim.map {
                JSONText.object([("kept_lines", String($0.keptLines)), ("marker", JSONText.string($0.marker)),
                                 ("total_lines", String($0.totalLines))])
            } ?? "null"),
        ])
    }
}

/// Address lists and defects as stored JSON (`{"name": …|null, "address": …}`).
enum AddressJSON {
    static func encode(_ addresses: [MailAddress]) -> String {
        JSONText.array(addresses.map {
            JSONText.object([("address", JSONText.string($0.address)), ("name", JSONText.string($0.name))])
        })
    }

    static func encodeDefects(_ defects: [MIMEDefect]) -> String {
        JSONText.array(defects.map {
            JSONText.object([("code", JSONText.string($0.code)), ("detail", JSONText.string($0.detail)),
                             ("part", JSONText.string($0.part))])
        })
    }
}
