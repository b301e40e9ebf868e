/// Compresses UIDs into IMAP sequence sets ("1:5,7,9:12"), split into chunks short enough
/// that a command line carrying one chunk stays well under 8 KB.
/// - SeeAlso: RFC 3501 §9 (sequence-set), RFC 7162 §4 (command line length recommendation of 8192 octets)
public enum UIDRanges {
    /// Longest sequence set per chunk; leaves room for the command and a mailbox name.
    public static let defaultChunkLength = 7_000

    /// Sorted, de-duplicated UIDs as sequence-set chunks. UID 0 (invalid in IMAP) is dropped.
    public static func compress(_ uids: [UInt32]) -> [String] {
        compress(uids, maxLength: defaultChunkLength)
    }

    public static func compress(_ uids: [UInt32], maxLength: Int) -> [String] {
        var chunks: [String] = []
        var current = ""
        for range in ranges(uids) {
            let piece = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound):\(range.upperBound)"
            if !current.isEmpty && current.utf8.count + 1 + piece.utf8.count > maxLength {
                chunks.append(current)
                current = ""
            }
            current += current.isEmpty ? piece : "," + piece
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// Maximal runs of consecutive UIDs.
    static func ranges(_ uids: [UInt32]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for uid in Set(uids).sorted() where uid > 0 {
            if let last = result.last, last.upperBound != UInt32.max, last.upperBound + 1 == uid {
                result[result.count - 1] = last.lowerBound...uid
            } else {
                result.append(uid...uid)
            }
        }
        return result
    }
}
