import Foundation
import HelpdeskCore
import MailMIME

/// Why a mail went where it did, stored with its entry for `explain`.
struct ExplainRecord: Encodable {
    var rule: ThreadRule
    var rejected: [RejectedCandidate]
    var mailClass: MailClass
    var classHeaders: [String]

    enum CodingKeys: String, CodingKey {
        case rule, rejected
        case mailClass = "mail_class", classHeaders = "class_headers"
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}

/// Address lists and defects as stored JSON (`{"name": …|null, "address": …}`).
enum AddressJSON {
    static func encode(_ addresses: [MailAddress]) -> String {
        let items = addresses.map { address -> [String: String?] in
            ["name": address.name, "address": address.address]
        }
        return serialize(items)
    }

    static func encodeDefects(_ defects: [MIMEDefect]) -> String {
        serialize(defects.map { ["code": $0.code, "detail": $0.detail, "part": $0.part] as [String: String?] })
    }

    static func serialize(_ items: [[String: String?]]) -> String {
        let objects: [[String: Any]] = items.map { item in
            item.mapValues { value -> Any in value.map { $0 as Any } ?? NSNull() }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
