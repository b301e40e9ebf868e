import Foundation

/// Decodes a TNEF stream (Outlook's `winmail.dat`, `application/ms-tnef`): message class, subject,
/// body and the attachments with their data, in stream order. Pure and bounded: checksum errors are
/// recorded and decoding continues; truncation or an impossible length ends the stream with a defect;
/// embedded Outlook items are decoded recursively up to `maxDepth`.
/// - SeeAlso: MS-OXTNEF §2.1.3 (TNEF stream), §2.1.3.2 (message attributes), §2.1.3.3 (attachment
///   attributes), §2.1.3.4 (MAPI properties)
public struct TNEFDecoder: Sendable {
    public var maxDepth: Int
    public var maxAttachments: Int

    public init(maxDepth: Int = 8, maxAttachments: Int = 1000) {
        self.maxDepth = maxDepth
        self.maxAttachments = maxAttachments
    }

    // Attribute identifiers (low word of the attribute id), MS-OXTNEF §2.1.3.2–2.1.3.3.
    static let attSubject: UInt16 = 0x8004, attMessageClass: UInt16 = 0x8008, attBody: UInt16 = 0x800C
    static let attAttachData: UInt16 = 0x800F, attAttachTitle: UInt16 = 0x8010
    static let attAttachRendData: UInt16 = 0x9002, attMsgProps: UInt16 = 0x9003, attAttachment: UInt16 = 0x9005
    static let attOemCodepage: UInt16 = 0x9007
    // MAPI property ids, MS-OXPROPS.
    static let prSubject: UInt16 = 0x0037, prBody: UInt16 = 0x1000, prBodyHTML: UInt16 = 0x1013
    static let prAttachDataBin: UInt16 = 0x3701, prAttachFilename: UInt16 = 0x3704
    static let prAttachLongFilename: UInt16 = 0x3707, prAttachMimeTag: UInt16 = 0x370E
    static let prAttachContentID: UInt16 = 0x3712, prDisplayName: UInt16 = 0x3001

    /// True when `bytes` starts with the TNEF signature 0x223E9F78.
    public static func isTNEF(_ bytes: ArraySlice<UInt8>) -> Bool { TNEFAttributeReader(bytes) != nil }

    /// Nil when `bytes` is not a TNEF stream (wrong signature or shorter than 6 bytes).
    public func decode(_ bytes: [UInt8]) -> TNEFMessage? { decode(bytes[...], depth: 0) }

    func decode(_ bytes: ArraySlice<UInt8>, depth: Int) -> TNEFMessage? {
        guard var reader = TNEFAttributeReader(bytes) else { return nil }
        var msg = TNEFMessage(legacyKey: reader.legacyKey)
        var current: TNEFAttachment? = nil
        func defect(_ code: String, _ detail: String) { msg.defects.append(MIMEDefect(code: code, detail: detail)) }
        func finishAttachment() {
            guard let a = current else { return }
            current = nil
            if msg.attachments.count >= maxAttachments {
                if msg.attachments.count == maxAttachments {
                    defect("tnef.limit", "more than \(maxAttachments) attachments; the rest is ignored")
                }
                return
            }
            msg.attachments.append(a)
        }
        loop: while true {
            switch reader.next() {
            case .end: break loop
            case .damaged(let code, let detail):
                defect(code, detail)
                break loop
            case .attribute(let attr, let checksumOK):
                if !checksumOK {
                    defect("tnef.checksum", String(format: "bad checksum on attribute 0x%08X at offset %d",
                                                   attr.id, attr.offset))
                }
                if attr.level == TNEFAttribute.messageLevel {
                    messageAttribute(attr, into: &msg)
                    continue
                }
                if attr.code == Self.attAttachRendData {
                    finishAttachment()
                    current = TNEFAttachment(renderType: TNEFAttributeReader.uint16(attr.data, at: attr.data.startIndex))
                    continue
                }
                var a = current ?? TNEFAttachment()
                attachmentAttribute(attr, into: &a, codepage: msg.codepage, depth: depth, defects: &msg.defects)
                current = a
            }
        }
        finishAttachment()
        return msg
    }

    private func messageAttribute(_ attr: TNEFAttribute, into msg: inout TNEFMessage) {
        switch attr.code {
        case Self.attOemCodepage:
            if let cp = TNEFAttributeReader.uint32(attr.data, at: attr.data.startIndex), cp > 0, cp < 70_000 {
                msg.codepage = Int(cp)
            }
        case Self.attMessageClass: msg.messageClass = TNEFText.legacy(attr.data, codepage: msg.codepage)
        case Self.attSubject: msg.subject = TNEFText.legacy(attr.data, codepage: msg.codepage)
        case Self.attBody: msg.body = TNEFText.legacy(attr.data, codepage: msg.codepage)
        case Self.attMsgProps:
            let props = TNEFMAPIProperties(attr.data)
            if props.damaged {
                msg.defects.append(MIMEDefect(code: "tnef.mapi-damaged", detail: "attMsgProps property list cut short"))
            }
            if msg.subject == nil { msg.subject = props.string(Self.prSubject, codepage: msg.codepage) }
            if msg.body == nil { msg.body = props.string(Self.prBody, codepage: msg.codepage) }
            if msg.html == nil { msg.html = props.string(Self.prBodyHTML, codepage: msg.codepage) }
        default: break
        }
    }

    private func attachmentAttribute(_ attr: TNEFAttribute, into a: inout TNEFAttachment, codepage: Int, depth: Int,
                                     defects: inout [MIMEDefect]) {
        switch attr.code {
        case Self.attAttachTitle: a.title = TNEFText.legacy(attr.data, codepage: codepage)
        case Self.attAttachData: a.data = Array(attr.data)
        case Self.attAttachment:
            let props = TNEFMAPIProperties(attr.data)
            if props.damaged {
                defects.append(MIMEDefect(code: "tnef.mapi-damaged", detail: "attAttachment property list cut short"))
            }
            let long = props.string(Self.prAttachLongFilename, codepage: codepage)
                ?? props.string(Self.prDisplayName, codepage: codepage)
            if let long, !long.isEmpty { a.longFilename = long }
            if a.title == nil { a.title = props.string(Self.prAttachFilename, codepage: codepage) }
            a.mimeType = props.string(Self.prAttachMimeTag, codepage: codepage).map(ASCII.lowercased)
            a.contentID = props.string(Self.prAttachContentID, codepage: codepage).map(MessageIDParser.normalize)
            if let obj = props.binary(Self.prAttachDataBin) {
                embed(obj, isObject: props.properties[Self.prAttachDataBin]?.type == TNEFMAPIProperties.typeObject,
                      into: &a, depth: depth, defects: &defects)
            }
        default: break
        }
    }

    /// PR_ATTACH_DATA_BIN / _OBJ: file data when attAttachData was absent; an object starts with a
    /// 16-byte IID, and an attached Outlook item is itself a TNEF stream.
    private func embed(_ value: ArraySlice<UInt8>, isObject: Bool, into a: inout TNEFAttachment, depth: Int,
                       defects: inout [MIMEDefect]) {
        let payload = isObject && value.count >= 16 ? value.dropFirst(16) : value
        if a.data.isEmpty { a.data = Array(payload) }
        guard isObject, Self.isTNEF(payload) else { return }
        guard depth + 1 < maxDepth else {
            defects.append(MIMEDefect(code: "tnef.limit", detail: "embedded items nested deeper than \(maxDepth)"))
            return
        }
        guard var inner = decode(payload, depth: depth + 1) else { return }
        defects.append(contentsOf: inner.defects)
        inner.defects = []
        a.embeddedMessage = inner
        if a.mimeType == nil { a.mimeType = "application/ms-tnef" }
    }
}
