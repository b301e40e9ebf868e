/// Small JSON documents written by hand for values stored in columns (address lists, defects,
/// explanations): Foundation's encoders cost more than the rest of an ingest.
/// - SeeAlso: RFC 8259 §7 (string escaping).
public enum JSONText {
    public static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `{"k1": v1, …}` from already-encoded values, keys in the given order.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }
}
