/// Splits protocol text into lines on LF, dropping the CR of CRLF and empty lines.
enum ReplyLines {
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n")).map { line in
            Array(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
        }.filter { !$0.isEmpty }
    }

    /// Lines as one printable string joined by "\n" (non-printable bytes become "?").
    static func text(_ lines: [[UInt8]]) -> String {
        lines.map { line in
            String(decoding: line.map { ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        }.joined(separator: "\n")
    }
}
