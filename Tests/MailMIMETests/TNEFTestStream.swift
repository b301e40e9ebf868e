@testable import MailMIME

/// Builds TNEF streams for tests (MS-OXTNEF §2.1.3): attributes with checksums, MAPI property lists.
struct TNEFTestStream {
    var bytes: [UInt8] = le32(0x223E_9F78) + le16(0x5A3C)

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    mutating func attribute(level: UInt8, id: UInt32, _ data: [UInt8], checksum: UInt16? = nil) {
        let sum = data.reduce(UInt32(0)) { $0 &+ UInt32($1) }
        bytes += [level] + Self.le32(id) + Self.le32(UInt32(data.count)) + data
        bytes += Self.le16(checksum ?? UInt16(truncatingIfNeeded: sum))
    }

    mutating func message(_ id: UInt32, _ data: [UInt8]) { attribute(level: 1, id: id, data) }
    mutating func attachment(_ id: UInt32, _ data: [UInt8]) { attribute(level: 2, id: id, data) }

    /// attAttachRendData for a file attachment.
    mutating func startAttachment() {
        attachment(0x0006_9002, Self.le16(1) + Self.le32(0xFFFF_FFFF) + Self.le16(0xFFFF) + Self.le16(0xFFFF) + Self.le32(0))
    }

    static func cString(_ s: String) -> [UInt8] { Array(s.utf8) + [0] }

    enum Value {
        case unicode(String), string8(String), binary([UInt8]), object([UInt8]), long(UInt32)
    }

    /// A MsgPropertyList with single-valued properties (ids < 0x8000) plus one named property to skip.
    static func properties(_ props: [(UInt16, Value)], withNamedProperty: Bool = false) -> [UInt8] {
        var out = le32(UInt32(props.count + (withNamedProperty ? 1 : 0)))
        if withNamedProperty {
            // PT_UNICODE named property with a string name: GUID, kind 1, name length, name, then the value.
            let name: [UInt8] = Array("X-Custom".utf16).flatMap { le16($0) } + [0, 0]
            out += le16(0x001F) + le16(0x8005)
            out += [UInt8](repeating: 0xAB, count: 16)
            out += le32(1) + le32(UInt32(name.count))
            out += name
            out += [UInt8](repeating: 0, count: (4 - name.count % 4) % 4)
            let ignored: [UInt8] = Array("ignored".utf16).flatMap { le16($0) } + [0, 0]
            out += variable(ignored)
        }
        for (id, value) in props {
            switch value {
            case .unicode(let s):
                let units: [UInt8] = Array(s.utf16).flatMap { le16($0) } + [0, 0]
                out += le16(0x001F) + le16(id) + variable(units)
            case .string8(let s): out += le16(0x001E) + le16(id) + variable(cString(s))
            case .binary(let b): out += le16(0x0102) + le16(id) + variable(b)
            case .object(let b): out += le16(0x000D) + le16(id) + variable(b)
            case .long(let v): out += le16(0x0003) + le16(id) + le32(v)
            }
        }
        return out
    }

    private static func variable(_ data: [UInt8]) -> [UInt8] {
        le32(1) + le32(UInt32(data.count)) + data + [UInt8](repeating: 0, count: (4 - data.count % 4) % 4)
    }

    /// A message wrapping `tnef` as a base64 winmail.dat next to an optional text part.
    static func mail(_ tnef: [UInt8], text: String? = "See attached.") -> [UInt8] {
        let b64 = String(decoding: Base64Encoder.encodeBytes(tnef, lineLength: 76), as: UTF8.self)
        var s = "From: a@example.test\r\nSubject: t\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        if let text { s += "--b\r\nContent-Type: text/plain\r\n\r\n\(text)\r\n" }
        s += "--b\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        s += b64 + "\r\n--b--\r\n"
        return Array(s.utf8)
    }
}
