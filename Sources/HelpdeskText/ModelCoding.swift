import Foundation

/// Little-endian binary encoding of models: `MDCL`, a format version, then length-prefixed fields.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func string(_ s: String) { u32(UInt32(s.utf8.count)); bytes.append(contentsOf: s.utf8) }
    mutating func u32s(_ values: [UInt32]) { u32(UInt32(values.count)); for v in values { u32(v) } }
    mutating func f32s(_ values: [Float]) { u32(UInt32(values.count)); for v in values { f32(v) } }
}

struct ByteReader {
    struct Truncated: Error {}
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= bytes.count else { throw Truncated() }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    mutating func u8() throws -> UInt8 { try take(1).first! }
    mutating func u32() throws -> UInt32 {
        try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
    mutating func f32() throws -> Float { Float(bitPattern: try u32()) }
    mutating func f64() throws -> Double {
        Double(bitPattern: try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
    mutating func string() throws -> String { String(decoding: try take(Int(try u32())), as: UTF8.self) }
    mutating func count(max: Int) throws -> Int {
        let n = Int(try u32())
        guard n <= max, n <= bytes.count - offset else { throw Truncated() }
        return n
    }
    mutating func u32s() throws -> [UInt32] { try (0..<count(max: 1 << 26)).map { _ in try u32() } }
    mutating func f32s() throws -> [Float] { try (0..<count(max: 1 << 28)).map { _ in try f32() } }
}

extension LinearTextModel {
    func encode(into writer: inout ByteWriter) {
        writer.string(kind.rawValue)
        writer.u8(UInt8(vocabulary.hashing.bits))
        writer.u8(vocabulary.hashing.characterTrigrams ? 1 : 0)
        writer.u32(UInt32(labels.count))
        for label in labels { writer.string(label) }
        writer.u32s(vocabulary.buckets)
        writer.f32s(vocabulary.idf)
        writer.f32s(weights)
        writer.f32s(bias)
        writer.f32(temperature)
    }

    init(from reader: inout ByteReader) throws {
        guard let kind = Kind(rawValue: try reader.string()) else { throw TicketClassifier.DecodingError.unknownKind }
        let bits = Int(try reader.u8())
        guard (8...24).contains(bits) else { throw TicketClassifier.DecodingError.corrupt }
        let flags = try reader.u8()
        guard flags <= 1 else { throw TicketClassifier.DecodingError.corrupt }
        let labels = try (0..<reader.count(max: 100_000)).map { _ in try reader.string() }
        let buckets = try reader.u32s()
        let idf = try reader.f32s()
        let weights = try reader.f32s()
        let bias = try reader.f32s()
        let temperature = try reader.f32()
        guard idf.count == buckets.count, weights.count == buckets.count * labels.count, bias.count == labels.count,
              buckets.allSatisfy({ $0 < UInt32(1 << bits) }), temperature > 0 else {
            throw TicketClassifier.DecodingError.corrupt
        }
        self.init(kind: kind, labels: labels,
                  vocabulary: TfidfVocabulary(hashing: FeatureHashing(bits: bits, characterTrigrams: flags == 1), buckets: buckets, idf: idf),
                  weights: weights, bias: bias, temperature: temperature)
    }
}
