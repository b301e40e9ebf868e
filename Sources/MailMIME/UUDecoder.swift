/// Decoder for the historical "x-uuencode" Content-Transfer-Encoding ("begin 644 name" … "end").
/// - SeeAlso: POSIX.1-2017 `uuencode` (encoded file format); RFC 2045 §6.3 (x- encodings)
enum UUDecoder {
    static func decode(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], damaged: Bool) {
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var i = input.startIndex
        var started = false
        var damaged = false
        while i < input.endIndex {
            let (line, next) = HeaderParser.line(input, from: i)
            i = next
            if !started {
                if line.starts(with: Array("begin ".utf8)) { started = true }
                continue
            }
            let trimmed = ASCII.trim(line)
            if trimmed.elementsEqual("end".utf8) { return (out, damaged) }
            guard let first = line.first else { continue }
            let count = Int((first &- 32) & 63)
            if count == 0 { continue }
            var produced = 0
            var j = line.startIndex + 1
            while produced < count {
                var q = [UInt8](repeating: 0, count: 4)
                for k in 0..<4 {
                    q[k] = j < line.endIndex ? (line[j] &- 32) & 63 : 0
                    j += 1
                }
                let bytes = [q[0] << 2 | q[1] >> 4, q[1] << 4 | q[2] >> 2, q[2] << 6 | q[3]]
                for b in bytes where produced < count {
                    out.append(b)
                    produced += 1
                }
            }
            if j > line.endIndex + 3 { damaged = true }
        }
        return (out, damaged || !started)
    }
}
