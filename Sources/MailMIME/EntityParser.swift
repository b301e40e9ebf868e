/// Builds the entity tree: headers, Content-Type, transfer decoding, multipart and message/rfc822 recursion.
/// - SeeAlso: RFC 2045 §5–6, RFC 2046 §5.1 (multipart), §5.1.5 (digest default type), §5.2.1 (message/rfc822)
struct EntityParser {
    struct State {
        var defects: [MIMEDefect] = []
        var partCount = 0
    }

    struct Entity {
        var node: EntityNode
        var headers: [HeaderField]
    }

    let options: MIMEParserOptions

    /// Parses a top-level or embedded message. Bare-CR line ends are decided here, once per message.
    /// - SeeAlso: `LineEndings`
    func message(_ bytes: ArraySlice<UInt8>, path: String, depth: Int, state: inout State) -> Entity {
        guard let crlf = LineEndings.crOnlyAsCRLF(bytes) else {
            return entity(bytes, path: path, messageRoot: true, depth: depth, defaultType: "text/plain", state: &state)
        }
        state.defects.append(LineEndings.defect(part: depth == 0 || path.isEmpty ? nil : path))
        return entity(crlf[...], path: path, messageRoot: true, depth: depth, defaultType: "text/plain", state: &state)
    }

    /// Parses one entity. `messageRoot` marks a top-level or embedded message, whose single-part body
    /// is numbered `path.1` (IMAP style); a multipart root takes `path` itself.
    func entity(_ bytes: ArraySlice<UInt8>, path: String, messageRoot: Bool, depth: Int,
                defaultType: String, state: inout State) -> Entity {
        let label: String? = depth == 0 ? nil : (path.isEmpty ? nil : path)
        let head = HeaderParser(options: options).parse(bytes, part: label)
        state.defects.append(contentsOf: head.defects)
        func defect(_ code: String, _ detail: String) {
            state.defects.append(MIMEDefect(code: code, detail: detail, part: label))
        }
        let fields = head.fields
        state.defects += DuplicateHeaders.defects(fields, message: messageRoot, part: label)
        let body = bytes[head.bodyStart...]

        var contentType = defaultType
        var params: [String: String] = [:]
        if let ct = fields.first(named: "Content-Type") {
            let parsed = HeaderParameters(ct.rawText)
            params = parsed.parameters
            for d in Set(parsed.defects) { defect(d, "in Content-Type") }
            let pieces = parsed.value.split(separator: "/", omittingEmptySubsequences: false)
            if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty {
                contentType = parsed.value
            } else {
                // RFC 2045 §5.2: an unusable Content-Type means text/plain, also where a missing one would
                // mean message/rfc822 (a digest), so its text is shown.
                defect("content-type.invalid", "unusable Content-Type \"\(parsed.value)\"; read as text/plain")
                contentType = "text/plain"
            }
        }
        var disposition: String? = nil
        var filename: String? = nil
        if let cd = fields.first(named: "Content-Disposition") {
            let parsed = HeaderParameters(cd.rawText)
            if !parsed.value.isEmpty { disposition = parsed.value }
            filename = parsed.parameters["filename"]
            for d in Set(parsed.defects) { defect(d, "in Content-Disposition") }
        }
        if filename == nil { filename = params["name"] }
        if let f = filename, ASCII.trim(f).isEmpty { filename = nil }
        let cte = fields.first(named: "Content-Transfer-Encoding").map {
            ASCII.lowercased(HeaderParameters($0.rawText).value)
        }

        let isMultipart = contentType.hasPrefix("multipart/")
        let isMessage = contentType == "message/rfc822" || contentType == "message/global"
        var ownPath = path
        if messageRoot && !isMultipart { ownPath = path.isEmpty ? "1" : path + ".1" }
        var node = EntityNode(part: MIMEPart(path: ownPath, contentType: contentType, parameters: params,
                                             headers: fields, disposition: disposition, filename: filename,
                                             charset: params["charset"]))
        node.contentID = fields.first(named: "Content-ID").map { MessageIDParser.normalize($0.rawText) }

        if (isMultipart || isMessage) && depth >= options.maxDepth {
            defect("limit.depth", "nesting deeper than \(options.maxDepth); kept opaque")
            node.body = Array(body)
            node.part.decodedSize = body.count
            if isMultipart { node.part.contentType = "application/octet-stream" }
            return Entity(node: node, headers: fields)
        }
        if isMultipart {
            let boundary = params["boundary"] ?? ""
            let childDefault = contentType == "multipart/digest" ? "message/rfc822" : "text/plain"
            if boundary.isEmpty {
                defect("multipart.no-boundary", "multipart without boundary parameter; treated as text")
            } else if let children = multipartChildren(body, boundary: boundary, path: path, label: label, depth: depth,
                                                       childDefault: childDefault, state: &state) {
                node.children = children
                return Entity(node: node, headers: fields)
            }
            // Fall back to a text leaf.
            node.part.contentType = "text/plain"
            if messageRoot { node.part.path = path.isEmpty ? "1" : path + ".1" }
        }

        if options.structureOnly { return structureLeaf(node, body: body, encoding: cte, isMessage: isMessage,
                                                        depth: depth, state: &state) }
        let decoded = TransferDecoding.decode(body, encoding: cte)
        if decoded.damaged { defect("transfer-encoding.damaged", "\(cte ?? "") body had invalid data") }
        if decoded.unknown { defect("transfer-encoding.unknown", "unknown encoding \"\(cte ?? "")\"; kept as is") }
        node.body = decoded.bytes
        node.part.decodedSize = decoded.bytes.count
        if isMessage {
            let inner = message(decoded.bytes[...], path: node.part.path, depth: depth + 1, state: &state)
            node.children = [inner.node]
        }
        return Entity(node: node, headers: fields)
    }

    /// Structure-only leaf: no transfer decoding, `decodedSize` is the encoded size and `body` stays empty.
    /// An embedded message is still entered: directly when its encoding is an identity (RFC 2046 §5.2.1
    /// allows only 7bit, 8bit and binary), decoded first otherwise, since its part tree is inside.
    private func structureLeaf(_ leaf: EntityNode, body: ArraySlice<UInt8>, encoding: String?, isMessage: Bool,
                               depth: Int, state: inout State) -> Entity {
        var node = leaf
        node.part.decodedSize = body.count
        guard isMessage else { return Entity(node: node, headers: node.part.headers) }
        let identity = ["7bit", "8bit", "binary", "", "none", "7-bit", "8-bit"].contains(encoding ?? "7bit")
        let inner = identity ? body : TransferDecoding.decode(body, encoding: encoding).bytes[...]
        let child = message(inner, path: node.part.path, depth: depth + 1, state: &state)
        node.children = [child.node]
        return Entity(node: node, headers: node.part.headers)
    }
}
