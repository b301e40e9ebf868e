/// Finds a URL or an e-mail address inside one whitespace-free chunk of text, so the tokenizer can keep
/// it whole. ASCII only: a link ends at the first non-ASCII scalar (`見てhttps://x.jp/a。` works).
enum LinkScanner {
    /// `scheme://…` for http, https, ftp, or a bare `www.` host (RFC 3986 section 3), without the
    /// trailing sentence punctuation a writer puts after it.
    static func url(in chunk: ArraySlice<Unicode.Scalar>) -> Range<Int>? {
        var i = chunk.startIndex
        while i < chunk.endIndex {
            let boundary = i == chunk.startIndex || !(isLocalScalar(chunk[i - 1]) || chunk[i - 1] == "@")
            if boundary, let length = prefixLength(chunk, at: i) {
                var end = i + length
                while end < chunk.endIndex, isURLScalar(chunk[end]) { end += 1 }
                while end > i + length, ".,;:!?)]}'\"".unicodeScalars.contains(chunk[end - 1]) { end -= 1 }
                if end > i + length { return i..<end }
            }
            i += 1
        }
        return nil
    }

    /// An `addr-spec` (RFC 5322 section 3.4.1, dot-atom local part) around the first `@`: a local part
    /// and a domain with at least one dot, trailing dots and hyphens not included.
    static func address(in chunk: ArraySlice<Unicode.Scalar>) -> Range<Int>? {
        guard let at = chunk.firstIndex(of: "@") else { return nil }
        var start = at
        while start > chunk.startIndex, isLocalScalar(chunk[start - 1]) { start -= 1 }
        while start < at, chunk[start] == "." { start += 1 }
        var end = at + 1
        while end < chunk.endIndex, isDomainScalar(chunk[end]) { end += 1 }
        while end > at + 1, chunk[end - 1] == "." || chunk[end - 1] == "-" { end -= 1 }
        guard start < at, end > at + 1 else { return nil }
        let domain = chunk[(at + 1)..<end]
        guard let dot = domain.lastIndex(of: "."), dot > at + 1, dot < end - 1 else { return nil }
        return start..<end
    }

    static func prefixLength(_ chunk: ArraySlice<Unicode.Scalar>, at i: Int) -> Int? {
        for prefix in ["https://", "http://", "ftp://", "www."] where matches(chunk, at: i, prefix) {
            return prefix.unicodeScalars.count
        }
        return nil
    }

    static func matches(_ chunk: ArraySlice<Unicode.Scalar>, at i: Int, _ prefix: String) -> Bool {
        var j = i
        for p in prefix.unicodeScalars {
            guard j < chunk.endIndex else { return false }
            let c = chunk[j].value
            let lower = c >= 0x41 && c <= 0x5A ? c + 32 : c
            guard lower == p.value else { return false }
            j += 1
        }
        return true
    }

    static func isURLScalar(_ s: Unicode.Scalar) -> Bool {
        s.value > 0x20 && s.value < 0x7F && !"<>\"`{}|\\^".unicodeScalars.contains(s)
    }

    static func isLocalScalar(_ s: Unicode.Scalar) -> Bool {
        isAlnum(s) || "._%+-".unicodeScalars.contains(s)
    }

    static func isDomainScalar(_ s: Unicode.Scalar) -> Bool {
        isAlnum(s) || s == "." || s == "-"
    }

    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }
}
