/// The parts of a multipart body, with two recoveries for broken delimiters:
/// - a nested multipart that reuses an enclosing boundary (RFC 2046 §5.1.1 forbids it) takes the parts that
///   follow it up to the close delimiter, and the enclosing multipart goes on after that
///   (`multipart.boundary-reused`);
/// - when the boundary never occurs and the body begins with a `Content-` field (its first delimiter line
///   was lost), the body is read as the only part. Any other body without a delimiter is left to the
///   caller, which reads the multipart as text. Both record `multipart.boundary-not-found`.
/// - SeeAlso: RFC 2046 §5.1.1 (delimiters), docs/design.md (MIME)
extension EntityParser {
    /// The children of a multipart at `path`, or nil when the boundary never occurs and the body is text.
    func multipartChildren(_ body: ArraySlice<UInt8>, boundary: String, path: String, label: String?,
                           depth: Int, childDefault: String, state: inout State) -> [EntityNode]? {
        func defect(_ code: String, _ detail: String, part: String? = label) {
            state.defects.append(MIMEDefect(code: code, detail: detail, part: part))
        }
        func childPath(_ n: Int) -> String { path.isEmpty ? "\(n)" : "\(path).\(n)" }
        let splitter = MultipartSplitter(boundary: boundary)
        var split = splitter.split(body)
        if split.parts.isEmpty {
            guard let part = Self.partWithoutDelimiter(body) else {
                defect("multipart.boundary-not-found", "boundary \"\(boundary)\" never occurs; treated as text")
                return nil
            }
            defect("multipart.boundary-not-found", "boundary \"\(boundary)\" never occurs; the body is read as part 1")
            state.partCount += 1
            return [entity(part, path: childPath(1), messageRoot: false, depth: depth + 1, defaultType: childDefault,
                           state: &state).node]
        }
        var children: [EntityNode] = []
        var rest = body
        while true {
            var reused = false
            for slice in split.parts {
                state.partCount += 1
                if state.partCount > options.maxParts {
                    defect("limit.parts", "more than \(options.maxParts) parts; the rest is ignored")
                    return children
                }
                let p = childPath(children.count + 1)
                var bytes = slice
                reused = reusesBoundary(slice, splitter.boundary, boundary)
                if reused {
                    // It runs up to the close delimiter, which it takes as its own.
                    bytes = rest[slice.startIndex..<(split.closed ? split.epilogue.startIndex : rest.endIndex)]
                    defect("multipart.boundary-reused", "nested multipart reuses boundary \"\(boundary)\"; it takes "
                           + "the parts that follow", part: p)
                }
                children.append(entity(bytes, path: p, messageRoot: false, depth: depth + 1, defaultType: childDefault,
                                       state: &state).node)
                if reused { break }
            }
            if reused && split.closed {
                rest = split.epilogue
                split = splitter.split(rest)
                if !split.parts.isEmpty { continue }
            }
            if !split.closed || split.parts.isEmpty {
                defect("multipart.missing-final-boundary", "no closing \"--\(boundary)--\"")
            }
            return children
        }
    }

    /// Whether a part's own Content-Type is a multipart with the same boundary. Only a part whose header
    /// block mentions the boundary string has its header parsed for this.
    private func reusesBoundary(_ part: ArraySlice<UInt8>, _ bytes: [UInt8], _ boundary: String) -> Bool {
        let header = Self.headerBlock(part)
        guard header.count >= bytes.count,
              header.indices.dropLast(bytes.count - 1).contains(where: { header[$0...].starts(with: bytes) })
        else { return false }
        let head = HeaderParser(options: options).parse(header, part: nil)
        guard let ct = head.fields.first(named: "Content-Type") else { return false }
        let parsed = HeaderParameters(ct.rawText)
        return parsed.value.hasPrefix("multipart/") && parsed.parameters["boundary"] == boundary
    }

    /// The bytes of `part` up to its first empty line.
    private static func headerBlock(_ part: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var i = part.startIndex
        while i < part.endIndex {
            let (line, next) = HeaderParser.line(part, from: i)
            if line.isEmpty { return part[part.startIndex..<i] }
            i = next
        }
        return part
    }

    /// The body from its first non-blank line, when that line is a `Content-` field.
    static func partWithoutDelimiter(_ body: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var i = body.startIndex
        while i < body.endIndex {
            let (line, next) = HeaderParser.line(body, from: i)
            if ASCII.trim(line).isEmpty { i = next; continue }
            guard let (name, _) = HeaderParser.field(line), ASCII.lowercased(name).hasPrefix("content-") else { return nil }
            return body[i...]
        }
        return nil
    }
}
