import CLibXML2

/// The text of an HTML reply without the quoted history and signatures its client marked up.
public struct HTMLQuoteStrip: Sendable, Equatable {
    /// Rendered text of what is left after the fingerprints were removed.
    public var text: String
    /// Rendered text of the whole document.
    public var fullText: String
    /// The first fingerprint found ("gmail_quote", "divRplyFwdMsg", "blockquote[type=cite]" …), nil if none.
    public var marker: String?
}

/// Removes mail clients' quote and signature fingerprints from an HTML body in libxml2's DOM, then
/// renders the rest with `HTMLText`'s rules. Fingerprints:
/// - Gmail `.gmail_quote`, `.gmail_signature`;
/// - Outlook `#divRplyFwdMsg`, `#appendonsend`, `#OLK_SRC_BODY_SECTION`,
///   `#mail-editor-reference-message-container`, `.OutlookMessageHeader` and a `border-top` "From:"
///   block — each removed with everything after it;
/// - Apple `blockquote[type=cite]`, `#AppleMailSignature`;
/// - Thunderbird `.moz-cite-prefix` with its blockquote, `.moz-signature`;
/// - Yahoo `.yahoo_quoted`, Proton `.protonmail_quote`, Zimbra `data-marker`.
/// - SeeAlso: HTML Living Standard §4.4.4 (blockquote), docs/design.md#reply-trimming
public enum HTMLQuoteStripper {
    public static func text(fromHTML html: String) -> (text: String, marker: String?) {
        let r = strip(html: html)
        return (r.text, r.marker)
    }

    public static func strip(html: String) -> HTMLQuoteStrip {
        guard let doc = HTMLText.parseDocument(html) else { return HTMLQuoteStrip(text: "", fullText: "", marker: nil) }
        defer { xmlFreeDoc(doc) }
        let full = HTMLText.render(doc)
        var found = Found()
        var child = doc.pointee.children
        while let c = child, found.cutFrom == nil {
            collect(c, into: &found, depth: 0)
            child = c.pointee.next
        }
        guard !found.nodes.isEmpty || found.cutFrom != nil else { return HTMLQuoteStrip(text: full, fullText: full, marker: nil) }
        if let cut = found.cutFrom { removeFollowing(cut) }
        for node in found.nodes {
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }
        let marker = found.quoteMarker ?? found.signatureMarker
        return HTMLQuoteStrip(text: HTMLText.render(doc), fullText: full, marker: marker)
    }

    private struct Found {
        var nodes: [xmlNodePtr] = []
        var cutFrom: xmlNodePtr?
        var quoteMarker: String?
        var signatureMarker: String?
    }

    private enum Rule {
        case quote(String), signature(String), cutHere(String)
    }

    private static func collect(_ node: xmlNodePtr, into found: inout Found, depth: Int) {
        guard depth < 256, node.pointee.type == XML_ELEMENT_NODE else { return }
        if let rule = rule(for: node) {
            switch rule {
            case .quote(let m):
                found.nodes.append(node)
                found.quoteMarker = found.quoteMarker ?? m
                if m == "moz-cite-prefix", let quote = nextElement(after: node), elementName(quote) == "blockquote" {
                    found.nodes.append(quote)
                }
            case .signature(let m):
                found.nodes.append(node)
                found.signatureMarker = found.signatureMarker ?? m
            case .cutHere(let m):
                found.cutFrom = node
                found.quoteMarker = found.quoteMarker ?? m
            }
            return
        }
        var child = node.pointee.children
        while let c = child, found.cutFrom == nil {
            let next = c.pointee.next
            if !found.nodes.contains(c) { collect(c, into: &found, depth: depth + 1) }
            child = next
        }
    }

    private static func rule(for node: xmlNodePtr) -> Rule? {
        let name = elementName(node)
        let id = HTMLText.attribute(node, "id") ?? ""
        let classes = (HTMLText.attribute(node, "class") ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        if classes.contains(where: { $0 == "gmail_quote" || $0 == "gmail_quote_container" }) { return .quote("gmail_quote") }
        if classes.contains("gmail_signature") || HTMLText.attribute(node, "data-smartmail") == "gmail_signature" {
            return .signature("gmail_signature")
        }
        switch id {
        case "divRplyFwdMsg": return .cutHere("divRplyFwdMsg")
        case "appendonsend": return .cutHere("appendonsend")
        case "OLK_SRC_BODY_SECTION": return .cutHere("OLK_SRC_BODY_SECTION")
        case "mail-editor-reference-message-container": return .cutHere("mail-editor-reference-message-container")
        case "AppleMailSignature": return .signature("AppleMailSignature")
        default: break
        }
        if classes.contains("moz-cite-prefix") { return .quote("moz-cite-prefix") }
        if classes.contains("moz-signature") { return .signature("moz-signature") }
        if classes.contains(where: { $0.contains("yahoo_quoted") }) { return .quote("yahoo_quoted") }
        if classes.contains("protonmail_quote") { return .quote("protonmail_quote") }
        if classes.contains("OutlookMessageHeader") { return .cutHere("OutlookMessageHeader") }
        if name == "blockquote", let type = HTMLText.attribute(node, "type"), ASCII.lowercased(type) == "cite" {
            return .quote("blockquote[type=cite]")
        }
        if let marker = HTMLText.attribute(node, "data-marker") {
            switch marker {
            case "__QUOTED_TEXT__", "__HEADERS__", "__DIVIDER__": return .quote("zimbra:__QUOTED_TEXT__")
            case "__SIG_PRE__", "__SIG_POST__": return .signature("zimbra:__SIG_PRE__")
            default: break
            }
        }
        if name == "div", isBorderTopHeaderBlock(node) { return .cutHere("border-top-from") }
        return nil
    }

    private static let fromNames = ["from", "von", "de", "da", "van", "från", "fra", "od", "от", "发件人", "寄件者", "差出人"]

    /// Outlook desktop: `<div style="border:none;border-top:solid #E1E1E1 1.0pt…"><p><b>From:</b> …`.
    private static func isBorderTopHeaderBlock(_ node: xmlNodePtr) -> Bool {
        guard let style = HTMLText.attribute(node, "style") else { return false }
        let compact = ASCII.lowercased(style).filter { $0 != " " }
        guard compact.contains("border-top:solid") || compact.contains("border-top:1pxsolid")
            || compact.contains("border-top:1.0ptsolid") else { return false }
        guard let raw = xmlNodeGetContent(node) else { return false }
        defer { free(raw) }
        let text = String(cString: raw).drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{A0}" }
        guard let colon = text.prefix(20).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        var key = Substring(text[text.startIndex..<colon].lowercased())
        while let l = key.last, l == " " || l == "\u{A0}" || l == "*" { key.removeLast() }
        return fromNames.contains(String(key))
    }

    /// Removes everything after `node` in document order (its following siblings and those of its
    /// ancestors) and the node itself.
    private static func removeFollowing(_ node: xmlNodePtr) {
        var current: xmlNodePtr? = node
        while let n = current, n.pointee.type != XML_DOCUMENT_NODE, n.pointee.type != XML_HTML_DOCUMENT_NODE {
            var sibling = n.pointee.next
            while let s = sibling {
                sibling = s.pointee.next
                xmlUnlinkNode(s)
                xmlFreeNode(s)
            }
            current = n.pointee.parent
        }
        xmlUnlinkNode(node)
        xmlFreeNode(node)
    }

    private static func nextElement(after node: xmlNodePtr) -> xmlNodePtr? {
        var n = node.pointee.next
        while let c = n {
            if c.pointee.type == XML_ELEMENT_NODE { return c }
            if c.pointee.type == XML_TEXT_NODE, let t = c.pointee.content,
               !String(cString: t).allSatisfy({ $0.isWhitespace }) { return nil }
            n = c.pointee.next
        }
        return nil
    }

    private static func elementName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { ASCII.lowercased(String(cString: $0)) } ?? ""
    }
}
