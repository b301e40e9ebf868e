/// Splits an entity into its header fields and the start of its body.
/// Accepts CRLF and bare LF, obsolete "Name :" syntax, and recovers from broken lines with defects.
/// Only a line starting with white space continues a field; any other line without a colon ends the
/// header block and starts the body (`header.missing-separator`), except a leading mbox "From " line and
/// a MIME parameter wrapped after a field ending in ";" (`header.bad-wrap`).
/// - SeeAlso: RFC 5322 §2.1 (header/body split on an empty line), §2.2 and §2.2.3 (fields, unfolding),
///   §4.5 (obsolete fields)
struct HeaderParser {
    struct Result {
        var fields: [HeaderField] = []
        var bodyStart: Int
        var defects: [MIMEDefect] = []
    }

    let options: MIMEParserOptions

    func parse(_ bytes: ArraySlice<UInt8>, part: String?) -> Result {
        var result = Result(bodyStart: bytes.endIndex)
        var current: (name: String, value: [UInt8])? = nil
        var stored = 0
        func defect(_ code: String, _ detail: String) {
            result.defects.append(MIMEDefect(code: code, detail: detail, part: part))
        }
        func finish() {
            guard let c = current else { return }
            current = nil
            if stored >= options.maxHeaders {
                if stored == options.maxHeaders { defect("limit.headers", "more than \(options.maxHeaders) header fields") }
                stored += 1
                return
            }
            stored += 1
            let raw = Array(ASCII.trim(c.value[...]))
            let isUTF8 = ASCII.text(raw[...]).isUTF8
            if !isUTF8 { defect("header.8bit", "\(c.name) is not UTF-8; decoded as windows-1252") }
            let decoded = EncodedWords.decode(bytes: raw)
            for d in Set(decoded.defects) { defect(d, "in \(c.name)") }
            result.fields.append(HeaderField(name: c.name, rawValue: raw, value: decoded.text))
        }

        var i = bytes.startIndex
        let end = bytes.endIndex
        var firstLine = true
        while i < end {
            let (line, next) = Self.line(bytes, from: i)
            defer { firstLine = false }
            if line.isEmpty {
                finish()
                result.bodyStart = next
                return result
            }
            if line.count > options.maxLineLength {
                defect("header.line-too-long", "header line of \(line.count) bytes")
            }
            if ASCII.isWSP(line[line.startIndex]) {
                if current != nil {
                    current!.value.append(contentsOf: line)  // unfolding: only the line break goes
                } else if let (name, value) = Self.field(ASCII.trim(line)) {
                    defect("header.leading-whitespace", "first header line starts with whitespace")
                    current = (name, Array(value))
                } else {
                    defect("header.continuation-without-field", "continuation line without a field")
                }
            } else if let (name, value) = Self.field(line) {
                finish()
                current = (name, Array(value))
            } else if firstLine, line.starts(with: Array("From ".utf8)) {
                // mbox "From " separator line: not a header.
            } else if let c = current, Self.isWrappedParameter(line, after: c.value) {
                defect("header.bad-wrap", "parameter line without leading white space read as a continuation")
                current!.value.append(ASCII.space)
                current!.value.append(contentsOf: line)
            } else {
                defect("header.missing-separator", "header block ended by a non-header line")
                finish()
                result.bodyStart = i
                return result
            }
            i = next
        }
        finish()
        return result
    }

    /// The line starting at `from` without its line break, and the index after the break.
    static func line(_ bytes: ArraySlice<UInt8>, from start: Int) -> (ArraySlice<UInt8>, Int) {
        var j = start
        let end = bytes.endIndex
        while j < end, bytes[j] != ASCII.lf { j += 1 }
        let next = j < end ? j + 1 : end
        var contentEnd = j
        if contentEnd > start, bytes[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
        return (bytes[start..<contentEnd], next)
    }

    /// Splits "Name: value" (also obsolete "Name : value"); nil if the line is not a field.
    static func field(_ line: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        var j = line.startIndex
        while j < line.endIndex, line[j] != ASCII.colon {
            let b = line[j]
            if b < 33 || b > 126 {
                // Only whitespace may sit between the name and the colon.
                var k = j
                while k < line.endIndex, ASCII.isWSP(line[k]) { k += 1 }
                guard k < line.endIndex, line[k] == ASCII.colon, j > line.startIndex else { return nil }
                return (String(decoding: line[line.startIndex..<j], as: UTF8.self), line[(k + 1)...])
            }
            j += 1
        }
        guard j < line.endIndex, j > line.startIndex else { return nil }
        return (String(decoding: line[line.startIndex..<j], as: UTF8.self), line[(j + 1)...])
    }

    /// "name=value" right after a field whose value ends in ";": a parameter the ";" promised (RFC 2045 §5.1),
    /// wrapped without the white space that folding needs. Body text does not take this shape.
    static func isWrappedParameter(_ line: ArraySlice<UInt8>, after value: [UInt8]) -> Bool {
        guard ASCII.trim(value[...]).last == ASCII.semicolon else { return false }
        var j = line.startIndex
        while j < line.endIndex, isTokenByte(line[j]) { j += 1 }
        return j > line.startIndex && j < line.endIndex && line[j] == ASCII.equals
    }

    /// RFC 2045 §5.1 token: printable ASCII except tspecials.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        b > 32 && b < 127 && !"()<>@,;:\\\"/[]?=".utf8.contains(b)
    }
}
