import Foundation

/// One attribute of a TNEF stream.
/// - SeeAlso: MS-OXTNEF §2.1.3.1 (attribute encoding: level, id, length, data, checksum)
struct TNEFAttribute {
    static let messageLevel: UInt8 = 1
    static let attachmentLevel: UInt8 = 2

    var level: UInt8
    /// Full 32-bit attribute id: high word = attribute type, low word = attribute identifier.
    var id: UInt32
    var data: ArraySlice<UInt8>
    /// Offset of the level byte within the stream (for defect messages).
    var offset: Int

    /// The identifier without its type (attributes are unique by this low word).
    var code: UInt16 { UInt16(truncatingIfNeeded: id) }
    /// The attribute type: 0x0001 string, 0x0002 text, 0x0003 date, 0x0006 byte, 0x0008 dword, …
    var type: UInt16 { UInt16(truncatingIfNeeded: id >> 16) }
}

/// Walks the attribute stream after the signature and legacy key. Every step consumes at least the
/// 11-byte attribute frame, so a damaged stream ends; lengths are checked before they are used.
/// - SeeAlso: MS-OXTNEF §2.1.3.1
struct TNEFAttributeReader {
    static let signature: UInt32 = 0x223E_9F78

    enum Step {
        case attribute(TNEFAttribute, checksumOK: Bool)
        case end
        /// The stream cannot be read on; the detail says why.
        case damaged(code: String, detail: String)
    }

    let bytes: ArraySlice<UInt8>
    private(set) var offset: Int

    /// Nil when `bytes` does not start with the TNEF signature.
    init?(_ bytes: ArraySlice<UInt8>) {
        guard let sig = Self.uint32(bytes, at: bytes.startIndex), sig == Self.signature,
              Self.uint16(bytes, at: bytes.startIndex + 4) != nil else { return nil }
        self.bytes = bytes
        self.offset = bytes.startIndex + 6
    }

    var legacyKey: UInt16 { Self.uint16(bytes, at: bytes.startIndex + 4) ?? 0 }

    mutating func next() -> Step {
        let end = bytes.endIndex
        if offset >= end { return .end }
        let start = offset
        guard end - start >= 9, let id = Self.uint32(bytes, at: start + 1),
              let length32 = Self.uint32(bytes, at: start + 5) else {
            offset = end
            return .damaged(code: "tnef.truncated", detail: "attribute header cut off at offset \(start - bytes.startIndex)")
        }
        let level = bytes[start]
        guard level == TNEFAttribute.messageLevel || level == TNEFAttribute.attachmentLevel else {
            offset = end
            return .damaged(code: "tnef.bad-level",
                            detail: "attribute level \(level) at offset \(start - bytes.startIndex); rest ignored")
        }
        let dataStart = start + 9
        let length = Int(length32)
        guard length <= end - dataStart - 2 else {
            offset = end
            return .damaged(code: "tnef.truncated",
                            detail: String(format: "attribute 0x%08X claims %d bytes, only %d left", id, length,
                                           max(0, end - dataStart - 2)))
        }
        let data = bytes[dataStart..<(dataStart + length)]
        let stored = Self.uint16(bytes, at: dataStart + length) ?? 0
        offset = dataStart + length + 2
        var sum: UInt32 = 0
        for b in data { sum &+= UInt32(b) }
        let attr = TNEFAttribute(level: level, id: id, data: data, offset: start - bytes.startIndex)
        return .attribute(attr, checksumOK: UInt16(truncatingIfNeeded: sum) == stored)
    }

    // MARK: little-endian integers (nil when out of bounds)

    static func uint16(_ b: ArraySlice<UInt8>, at i: Int) -> UInt16? {
        guard i >= b.startIndex, i + 2 <= b.endIndex else { return nil }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func uint32(_ b: ArraySlice<UInt8>, at i: Int) -> UInt32? {
        guard i >= b.startIndex, i + 4 <= b.endIndex else { return nil }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
