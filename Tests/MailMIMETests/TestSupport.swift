@testable import MailMIME

/// Parses a message written with "\n" line endings; `crlf` converts them to CRLF first.
func parse(_ text: String, crlf: Bool = false) -> ParsedMessage {
    var bytes = Array(text.utf8)
    if crlf {
        var out = [UInt8]()
        for b in bytes {
            if b == 10 { out.append(13) }
            out.append(b)
        }
        bytes = out
    }
    return MIMEParser().parse(bytes)
}

extension ParsedMessage {
    var defectCodes: [String] { defects.map(\.code) }
}
