/// Finds the Content-IDs an HTML body refers to with `cid:` URLs (`<img src="cid:…">`, CSS
/// `url(cid:…)`), so inline images can be linked to their references even without a
/// Content-Disposition header.
/// - SeeAlso: RFC 2392 §2 (cid URL = "cid:" addr-spec, %hh-escaped), RFC 2387 (multipart/related)
enum CIDReferences {
    /// Lowercased, unescaped ids referenced from the HTML body parts of `node` (not descending into
    /// embedded messages, whose references are their own).
    static func collect(in node: EntityNode) -> Set<String> {
        var ids = Set<String>()
        visit(node, into: &ids)
        return ids
    }

    private static func visit(_ node: EntityNode, into ids: inout Set<String>) {
        if node.isMultipart {
            for c in node.children { visit(c, into: &ids) }
        } else if node.contentType == "text/html", !node.isAttachment {
            scan(node.body[...], into: &ids)
        }
    }

    /// Scans bytes for `cid:` (any case) and collects what follows up to a quote, bracket, parenthesis
    /// or whitespace. ASCII-only scan: works on the undecoded body of any ASCII-compatible charset.
    static func scan(_ bytes: ArraySlice<UInt8>, into ids: inout Set<String>) {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i + 4 <= end {
            guard ASCII.lower(bytes[i]) == UInt8(ascii: "c"), ASCII.lower(bytes[i + 1]) == UInt8(ascii: "i"),
                  ASCII.lower(bytes[i + 2]) == UInt8(ascii: "d"), bytes[i + 3] == ASCII.colon else {
                i += 1
                continue
            }
            // Must not be the tail of a longer word ("acid:").
            if i > bytes.startIndex, isWordByte(bytes[i - 1]) { i += 4; continue }
            var j = i + 4
            while j < end, !isDelimiter(bytes[j]) { j += 1 }
            let id = unescape(bytes[(i + 4)..<j])
            if !id.isEmpty, id.count <= 998 { ids.insert(ASCII.lowercased(MessageIDParser.normalize(id))) }
            i = j
        }
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == ASCII.dash
    }

    private static func isDelimiter(_ b: UInt8) -> Bool {
        b <= 32 || b == ASCII.quote || b == UInt8(ascii: "'") || b == UInt8(ascii: ")")
            || b == UInt8(ascii: "(") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\\")
    }

    /// RFC 2392 %hh unescaping (also `&amp;`, which HTML editors write for `&`).
    private static func unescape(_ raw: ArraySlice<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let b = raw[i]
            if b == UInt8(ascii: "%"), i + 2 < raw.endIndex, let h = TransferDecoding.hexValue(raw[i + 1]),
               let l = TransferDecoding.hexValue(raw[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else if b == UInt8(ascii: "&"), raw[i...].starts(with: "&amp;".utf8) {
                out.append(b)
                i += 5
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
