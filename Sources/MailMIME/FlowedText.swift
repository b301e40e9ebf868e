/// Reassembles format=flowed text/plain into paragraphs.
/// - SeeAlso: RFC 3676 §4.1–4.5 (flowed lines end in a space; space-stuffing; quote depth; DelSp)
enum FlowedText {
    static func unflow(_ text: String, delSp: Bool) -> String {
        var out: [String] = []
        var current: String? = nil
        var currentDepth = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }  // space-stuffing
            let isSignature = line == "-- "
            let flowed = !isSignature && line.last == " "
            if flowed && delSp { line = line.dropLast() }
            let prefix = String(repeating: ">", count: depth) + (depth > 0 ? " " : "")
            if let c = current, depth == currentDepth {
                current = c + line
            } else {
                if let c = current { out.append(c) }
                current = prefix + line
                currentDepth = depth
            }
            if !flowed {
                out.append(current!)
                current = nil
            }
        }
        if let c = current { out.append(c) }
        return out.joined(separator: "\n")
    }
}
