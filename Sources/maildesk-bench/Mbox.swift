/// Splits an mbox (mboxrd: `From ` separator lines, `>From ` unquoted) into raw messages.
/// - SeeAlso: RFC 4155 (the application/mbox format)
enum Mbox {
    static func looksLikeMbox(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("From ".utf8))
    }

    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        var previousBlank = true
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = bytes[index..<min(end + 1, bytes.count)]
            if previousBlank, line.starts(with: Array("From ".utf8)) {
                if !current.isEmpty { messages.append(current) }
                current = []
            } else if line.first == 0x3E, line.drop(while: { $0 == 0x3E }).starts(with: Array("From ".utf8)) {
                current += line.dropFirst()
            } else {
                current += line
            }
            previousBlank = line.count <= 2 && line.allSatisfy { $0 == 0x0A || $0 == 0x0D }
            index = end + 1
        }
        if !current.isEmpty { messages.append(current) }
        return messages
    }
}
