import CLibXML2

/// Converts HTML mail bodies to readable plain text using libxml2's forgiving HTML parser.
/// Keeps paragraphs and line breaks, list items as "- ", table cells separated by tabs and rows by
/// newlines, links as "text <url>"; drops script, style, head and other invisible content.
/// - SeeAlso: HTML Living Standard §4 (elements), RFC 2046 §4.1.3 (text/plain as fallback)
public enum HTMLText {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    public static func text(fromHTML html: String) -> String {
        guard let doc = parseDocument(html) else { return "" }
        defer { xmlFreeDoc(doc) }
        return render(doc)
    }

    /// Parses with libxml2's forgiving HTML parser; the caller frees the result with `xmlFreeDoc`.
    /// NULs are replaced by U+FFFD first: libxml2 would drop them, and its C strings cannot hold them.
    static func parseDocument(_ html: String) -> htmlDocPtr? {
        _ = initialized
        var bytes = Array(NULBytes.replaced(html).text.utf8)
        guard !bytes.isEmpty else { return nil }
        let opts = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                         | HTML_PARSE_NONET.rawValue
                         | HTML_PARSE_IGNORE_ENC.rawValue)
        return bytes.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(clamping: buf.count), nil, "UTF-8", opts)
            }
        }
    }

    /// Renders a parsed document as text with the rules above.
    static func render(_ doc: htmlDocPtr) -> String {
        var writer = TextWriter()
        var child = doc.pointee.children
        while let c = child {
            walk(c, into: &writer, depth: 0)
            child = c.pointee.next
        }
        return writer.finish()
    }

    private static let skipped: Set<String> = ["script", "style", "head", "title", "noscript", "template", "object",
                                               "iframe", "svg"]
    private static let blocks: Set<String> = ["div", "section", "article", "header", "footer", "nav", "aside", "main",
                                              "form", "fieldset", "address", "center", "ul", "ol", "dl", "dt", "dd",
                                              "table", "thead", "tbody", "tfoot", "caption", "figure", "body", "html"]
    private static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"]

    private static func walk(_ node: xmlNodePtr, into w: inout TextWriter, depth: Int) {
        guard depth < 256 else { return }
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let c = node.pointee.content { w.text(String(cString: c)) }
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        let name = node.pointee.name.map { ASCII.lowercased(String(cString: $0)) } ?? ""
        if skipped.contains(name) { return }
        if name == "br" { w.newline(); return }
        let isPara = paragraphs.contains(name), isBlock = blocks.contains(name)
        if isPara { w.blankLine() } else if isBlock || name == "tr" { w.newline() }
        if name == "li" { w.newline(); w.raw("- ") }
        if name == "pre" { w.preDepth += 1 }
        var child = node.pointee.children
        while let c = child {
            walk(c, into: &w, depth: depth + 1)
            child = c.pointee.next
        }
        if name == "pre" { w.preDepth -= 1 }
        switch name {
        case "a":
            if let href = attribute(node, "href"), !href.isEmpty, !href.hasPrefix("#"),
               !ASCII.lowercased(href).hasPrefix("javascript:") {
                let shown = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
                if !w.lastWord(equals: shown) { w.text(" <\(href)>") }
            }
        case "td", "th": w.cellEnd()
        case "li": w.newline()
        case "img":
            if let alt = attribute(node, "alt"), !ASCII.trim(alt).isEmpty { w.text("[\(ASCII.trim(alt))]") }
        default: break
        }
        if isPara { w.blankLine() } else if isBlock || name == "tr" { w.newline() }
    }

    /// The charset an HTML document declares in a `<meta>` tag within its first 2 KiB, if any.
    /// - SeeAlso: HTML Living Standard §4.2.5.4 (`<meta charset>`, `http-equiv="Content-Type"`)
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(2048).map(ASCII.lower)
        let key = Array("charset=".utf8)
        guard head.count >= key.count else { return nil }
        for i in 0...(head.count - key.count) where head[i] == key[0] && Array(head[i..<(i + key.count)]) == key {
            var j = i + key.count
            while j < head.count, head[j] == ASCII.quote || head[j] == UInt8(ascii: "'") || head[j] == ASCII.space { j += 1 }
            let start = j
            while j < head.count, head[j] > 32, head[j] != ASCII.quote, head[j] != UInt8(ascii: "'"),
                  head[j] != UInt8(ascii: ">"), head[j] != ASCII.semicolon, head[j] != UInt8(ascii: "/") { j += 1 }
            if j > start { return String(decoding: head[start..<j], as: UTF8.self) }
        }
        return nil
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, ASCII.lowercased(String(cString: n)) == name {
                guard let v = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self))
                else { return nil }
                defer { free(v) }
                return String(cString: v)
            }
            attr = a.pointee.next
        }
        return nil
    }
}
