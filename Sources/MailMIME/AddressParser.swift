/// Lenient parser for address lists: mailboxes, groups, quoted names, comments, angle-only and bare
/// addresses. Never fails; unusable entries are dropped with a defect code.
/// - SeeAlso: RFC 5322 §3.4 (address-list, group, mailbox), §4.4 (obsolete addressing)
enum AddressParser {
    enum Kind { case word, quoted, special, comment }
    struct Token { var kind: Kind; var text: String; var spaceBefore: Bool }

    static func parse(_ text: String) -> (addresses: [MailAddress], defects: [String]) {
        let tokens = tokenize(Array(text.utf8))
        var result: [MailAddress] = []
        var defects: [String] = []
        var entry: [Token] = []
        var i = 0
        // "Doe, John <j@x>": an unquoted comma inside a display name; carry "Doe" to the next mailbox.
        var carried: String? = nil
        func flush(angle: String?) {
            defer { entry.removeAll() }
            let comments = entry.filter { $0.kind == .comment }.map(\.text)
            let content = entry.filter { $0.kind != .comment }
            if let angle {
                let name = phrase(content)
                let addr = stripRoute(angle)
                guard !addr.isEmpty else { defects.append("address.empty"); return }
                var display = name ?? comments.last.flatMap(nonEmpty)
                if let c = carried { display = display.map { c + ", " + $0 } ?? c; carried = nil }
                result.append(MailAddress(name: display, address: addr))
                return
            }
            guard !content.isEmpty else { return }
            let addr = content.map { $0.kind == .quoted ? quote($0.text) : $0.text }.joined()
            if content.contains(where: { $0.kind == .special && $0.text == "@" }) {
                if carried != nil { defects.append("address.invalid"); carried = nil }
                result.append(MailAddress(name: comments.last.flatMap(nonEmpty), address: addr))
            } else if let p = phrase(content) {
                if carried != nil { defects.append("address.invalid") }
                carried = p
            }
        }
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .special {
                switch t.text {
                case "<":
                    var j = i + 1
                    var inner = ""
                    while j < tokens.count, !(tokens[j].kind == .special && tokens[j].text == ">") {
                        if tokens[j].kind == .quoted { inner += quote(tokens[j].text) }
                        else if tokens[j].kind != .comment { inner += tokens[j].text }
                        j += 1
                    }
                    if j >= tokens.count { defects.append("address.unterminated-angle") }
                    // Trailing comments still belong to this mailbox.
                    var k = j + 1
                    while k < tokens.count, tokens[k].kind == .comment { entry.append(tokens[k]); k += 1 }
                    flush(angle: inner)
                    // Skip junk up to the next separator.
                    while k < tokens.count, !(tokens[k].kind == .special && [",", ";"].contains(tokens[k].text)) { k += 1 }
                    i = k
                    continue
                case ",":
                    flush(angle: nil)
                case ":":
                    entry.removeAll()  // group display name; the members follow
                    carried = nil
                case ";":
                    flush(angle: nil)
                default:
                    entry.append(t)
                }
            } else {
                entry.append(t)
            }
            i += 1
        }
        flush(angle: nil)
        if carried != nil { defects.append("address.invalid") }
        return (result, defects)
    }

    private static func nonEmpty(_ s: String) -> String? {
        let t = ASCII.trim(s)
        return t.isEmpty ? nil : EncodedWords.decode(t)
    }

    /// The display name: tokens re-joined with single spaces where the input had whitespace.
    private static func phrase(_ tokens: [Token]) -> String? {
        var s = ""
        for t in tokens {
            if t.spaceBefore, !s.isEmpty { s += " " }
            s += t.text
        }
        let decoded = EncodedWords.decode(ASCII.trim(s))
        return decoded.isEmpty ? nil : decoded
    }

    private static func stripRoute(_ s: String) -> String {
        // obs-route: "@a,@b:user@c" → "user@c"
        if s.hasPrefix("@"), let colon = s.firstIndex(of: ":") { return String(s[s.index(after: colon)...]) }
        return s
    }

    private static func quote(_ s: String) -> String {
        let needs = s.isEmpty || s.utf8.contains { b in
            b <= 32 || b == ASCII.quote || b == ASCII.backslash || "()<>[]:;@,".utf8.contains(b)
        }
        return needs ? QuotedString.quote(s) : s
    }
}
