/// A MAPI property list as carried by attMsgProps and attAttachment. Only properties with ids below
/// 0x8000 are kept (named properties are read over, not interpreted). Bounded: every value length is
/// checked against the remaining bytes, and reading stops at the first inconsistency.
/// - SeeAlso: MS-OXTNEF §2.1.3.4 (MsgPropertyList), §2.1.3.4.1 (property values and padding),
///   MS-OXCDATA §2.11.1 (property data types)
struct TNEFMAPIProperties {
    struct Property {
        var type: UInt16
        /// The values; one for single-valued properties.
        var values: [ArraySlice<UInt8>]
    }

    static let typeString8: UInt16 = 0x001E, typeUnicode: UInt16 = 0x001F
    static let typeBinary: UInt16 = 0x0102, typeObject: UInt16 = 0x000D
    private static let multiValued: UInt16 = 0x1000

    private(set) var properties: [UInt16: Property] = [:]
    /// True when the list ended early (a length or count pointed past the end, or an unknown type).
    private(set) var damaged = false

    init(_ data: ArraySlice<UInt8>) {
        var i = data.startIndex
        guard let count = TNEFAttributeReader.uint32(data, at: i) else { damaged = !data.isEmpty; return }
        i += 4
        var read: UInt32 = 0
        while read < count {
            guard let type = TNEFAttributeReader.uint16(data, at: i),
                  let id = TNEFAttributeReader.uint16(data, at: i + 2) else { damaged = true; return }
            i += 4
            if id >= 0x8000 {  // named property: GUID, kind, then a numeric id or a padded UTF-16 name
                guard let kind = TNEFAttributeReader.uint32(data, at: i + 16),
                      let value = TNEFAttributeReader.uint32(data, at: i + 20) else { damaged = true; return }
                i += 24
                if kind == 1 {
                    guard value <= UInt32(data.endIndex - i) else { damaged = true; return }
                    i += Self.padded(Int(value))
                }
            }
            guard let (values, next) = Self.values(data, at: i, type: type) else { damaged = true; return }
            i = next
            if id < 0x8000, properties[id] == nil { properties[id] = Property(type: type, values: values) }
            read += 1
        }
    }

    /// Size of a fixed-length value as written in TNEF (2-byte values are padded to 4).
    private static func fixedSize(_ base: UInt16) -> Int? {
        switch base {
        case 0x0001, 0x0002, 0x0003, 0x0004, 0x000A, 0x000B: return 4
        case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040: return 8
        case 0x0048: return 16
        default: return nil
        }
    }

    private static func padded(_ n: Int) -> Int { (n + 3) & ~3 }

    /// Reads the value(s) of one property; nil when they do not fit or the type is unknown.
    private static func values(_ data: ArraySlice<UInt8>, at start: Int, type: UInt16)
        -> (values: [ArraySlice<UInt8>], next: Int)? {
        let base = type & ~multiValued
        let isMulti = type & multiValued != 0
        var i = start
        if let size = fixedSize(base) {
            var count = 1
            if isMulti {
                guard let c = TNEFAttributeReader.uint32(data, at: i) else { return nil }
                i += 4
                count = Int(c)
            }
            guard count <= (data.endIndex - i) / size else { return nil }
            let values = (0..<count).map { k in data[(i + k * size)..<(i + k * size + size)] }
            return (values, i + count * size)
        }
        guard [typeString8, typeUnicode, typeBinary, typeObject].contains(base),
              let c = TNEFAttributeReader.uint32(data, at: i) else { return nil }
        i += 4
        let count = Int(c)
        guard count <= (data.endIndex - i) / 4 else { return nil }
        var values: [ArraySlice<UInt8>] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let len32 = TNEFAttributeReader.uint32(data, at: i) else { return nil }
            i += 4
            let len = Int(len32)
            guard len <= data.endIndex - i else { return nil }
            values.append(data[i..<(i + len)])
            i = min(data.endIndex, i + padded(len))
        }
        return (values, i)
    }

    func binary(_ id: UInt16) -> ArraySlice<UInt8>? {
        guard let p = properties[id], p.type == Self.typeBinary || p.type == Self.typeObject else { return nil }
        return p.values.first
    }

    /// A string property: PT_UNICODE as UTF-16LE, PT_STRING8 in `codepage`; trailing NULs dropped.
    func string(_ id: UInt16, codepage: Int) -> String? {
        guard let p = properties[id], let v = p.values.first else { return nil }
        switch p.type {
        case Self.typeUnicode: return TNEFText.utf16LE(v)
        case Self.typeString8, Self.typeBinary: return TNEFText.legacy(v, codepage: codepage)
        default: return nil
        }
    }
}
