import Crypto
import Foundation

/// The MIME parser: bytes in, a `ParsedMessage` out. Never throws; problems become defects and
/// hard limits leave the rest of the message opaque.
/// - SeeAlso: RFC 5322 (message format), RFC 2045 (MIME headers), RFC 2046 (media types)
public struct MIMEParser: Sendable {
    public let options: MIMEParserOptions

    public init(options: MIMEParserOptions = .init()) {
        self.options = options
    }

    public func parse(_ bytes: [UInt8]) -> ParsedMessage {
        var state = EntityParser.State()
        let parser = EntityParser(options: options)
        let root = parser.message(bytes[...], path: "", depth: 0, state: &state)
        var msg = ParsedMessage(headers: root.headers, root: root.node.publicPart())
        var defects = state.defects
        EnvelopeReader.read(into: &msg, defects: &defects)
        if options.structureOnly {
            msg.defects = defects
            return msg
        }

        let body = root.node.bodyNodes()
        if let plain = body.plain {
            // The first inline text/plain is the ticket text (as mail-parser and most clients show it);
            // later inline text parts stay in the part tree.
            msg.text = decodeText(plain, defects: &defects)
            if let name = plain.part.filename {
                defects.append(MIMEDefect(code: "text.inline-filename", detail: "inline text/plain \"\(name)\" is the "
                                          + "message text and also listed as an attachment", part: plain.part.path))
            }
        }
        if let html = body.html {
            msg.html = decodeText(html, defects: &defects)
            // An empty text/plain alternative is no reason to ignore the HTML.
            let plainIsEmpty = msg.text.map { ASCII.trim($0).isEmpty } ?? true
            if plainIsEmpty, let h = msg.html { msg.text = HTMLText.text(fromHTML: h) }
        }
        var tnefBody: String? = nil
        for node in root.node.attachmentNodes() {
            msg.attachments.append(Self.attachment(node))
            guard TNEFExpansion.isTNEF(node) else { continue }
            let tnef = TNEFExpansion.expand(node)
            msg.attachments += tnef.attachments
            defects += tnef.defects
            if tnefBody == nil { tnefBody = tnef.body }
        }
        if let tnefBody, msg.text.map({ ASCII.trim($0).isEmpty }) ?? true { msg.text = tnefBody }
        linkInlineImages(&msg, root: root.node)
        msg.defects = defects
        return msg
    }

    private func decodeText(_ node: EntityNode, defects: inout [MIMEDefect]) -> String {
        var label = node.part.charset
        if label == nil, node.contentType == "text/html" { label = HTMLText.declaredCharset(node.body) }
        let d = Charset.decode(node.body[...], label: label)
        if let p = d.problem {
            let code = label == nil ? "charset.missing" : p
            defects.append(MIMEDefect(code: code, detail: "declared \(label ?? "none"), decoded as \(d.usedCharset)",
                                      part: node.part.path))
        }
        if d.nulReplaced {
            defects.append(MIMEDefect(code: NULBytes.code, detail: "NUL in the \(node.contentType) body replaced by U+FFFD",
                                      part: node.part.path))
        }
        var text = ASCII.normalizeNewlines(d.text)
        if node.contentType == "text/plain", ASCII.lowercased(node.part.parameters["format"] ?? "") == "flowed" {
            text = FlowedText.unflow(text, delSp: ASCII.lowercased(node.part.parameters["delsp"] ?? "") == "yes")
        }
        return text
    }

    /// Attachments whose Content-ID an HTML body references are inline, even without a Content-Disposition.
    /// - SeeAlso: RFC 2392 §2, RFC 2387 §3
    private func linkInlineImages(_ msg: inout ParsedMessage, root: EntityNode) {
        guard msg.attachments.contains(where: { $0.contentID != nil }) else { return }
        let referenced = CIDReferences.collect(in: root)
        guard !referenced.isEmpty else { return }
        for i in msg.attachments.indices {
            guard let cid = msg.attachments[i].contentID, referenced.contains(ASCII.lowercased(cid)) else { continue }
            msg.attachments[i].referencedFromHTML = true
            if msg.attachments[i].disposition == nil { msg.attachments[i].disposition = "inline" }
        }
    }

    private static func attachment(_ node: EntityNode) -> MIMEAttachment {
        MIMEAttachment(filename: node.part.filename, contentType: node.contentType, size: node.body.count,
                       contentID: node.contentID, disposition: node.part.disposition,
                       sha256: sha256Hex(node.body), data: node.body, partPath: node.part.path)
    }

    /// Lowercase hex SHA-256.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for b in digest {
            hex.append(hexDigits[Int(b >> 4)])
            hex.append(hexDigits[Int(b & 15)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
