/// Line endings of a whole message. RFC 5322 §2.1 ends lines with CRLF, and we also read bare LF
/// (Unix storage). Classic Mac OS mailers and some gateways end lines with a bare CR instead; the
/// parser's line scanners split on LF only, so such a message would read as one long header line.
///
/// The decision is taken once per message (the top level, and each embedded message/rfc822 after
/// transfer decoding): a message with at least one CR and no LF at all has each CR read as CRLF, and a
/// `cr-line-endings` defect is recorded. A message with any LF keeps its stray CRs as they are.
/// - SeeAlso: RFC 5322 §2.1 and §2.3 (CR and LF only together as CRLF), RFC 2045 §2.10 (lines),
///   docs/design.md (MIME)
enum LineEndings {
    /// Defect code for a message read with bare CR line ends.
    static let crOnlyCode = "cr-line-endings"

    /// When `bytes` has a CR but no LF, a copy with every CR written as CRLF; nil otherwise.
    static func crOnlyAsCRLF(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard !bytes.contains(ASCII.lf) else { return nil }
        var crs = 0
        for b in bytes where b == ASCII.cr { crs += 1 }
        guard crs > 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + crs)
        for b in bytes {
            out.append(b)
            if b == ASCII.cr { out.append(ASCII.lf) }
        }
        return out
    }

    /// The defect for a message at `part` (nil for the top level) read with bare CR line ends.
    static func defect(part: String?) -> MIMEDefect {
        MIMEDefect(code: crOnlyCode, detail: "no LF in the message: each bare CR read as a line end", part: part)
    }
}
