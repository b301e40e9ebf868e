import Foundation

/// A safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw little-endian data (the format's specification,
/// docs/knowledge-base.md#embeddings). Only `F32` tensors are read.
public struct SafeTensors: Sendable {
    public struct Entry: Sendable, Equatable {
        public var dtype: String
        public var shape: [Int]
        public var range: Range<Int>
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case truncated(String)
        case badHeader(String)
        case missing(String)
        case wrongType(String, String)
        case wrongShape(String, expected: [Int], found: [Int])

        public var description: String {
            switch self {
            case let .truncated(what): "safetensors file is truncated (\(what))"
            case let .badHeader(why): "safetensors header is not valid: \(why)"
            case let .missing(name): "tensor \(name) is missing"
            case let .wrongType(name, dtype): "tensor \(name) is \(dtype), expected F32"
            case let .wrongShape(name, expected, found): "tensor \(name) has shape \(found), expected \(expected)"
            }
        }
    }

    public let entries: [String: Entry]
    let data: Data
    let dataStart: Int

    public init(_ data: Data) throws(Failure) {
        guard data.count >= 8 else { throw .truncated("no header length") }
        let length = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(data.count - 8) else { throw .truncated("header of \(length) bytes") }
        let start = data.startIndex + 8
        let header = data[start..<(start + Int(length))]
        guard let json = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw .badHeader("not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in json where name != "__metadata__" {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int],
                  offsets.count == 2, offsets[0] <= offsets[1] else {
                throw .badHeader("entry \(name)")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
        }
        self.entries = entries
        self.data = data
        dataStart = 8 + Int(length)
    }

    /// The tensor's values in row-major order; `shape` must match.
    public func floats(_ name: String, shape: [Int]) throws(Failure) -> [Float] {
        guard let entry = entries[name] else { throw .missing(name) }
        guard entry.dtype == "F32" else { throw .wrongType(name, entry.dtype) }
        guard entry.shape == shape else { throw .wrongShape(name, expected: shape, found: entry.shape) }
        let count = shape.reduce(1, *)
        guard entry.range.count == count * 4, dataStart + entry.range.upperBound <= data.count else {
            throw .truncated(name)
        }
        let lower = data.startIndex + dataStart + entry.range.lowerBound
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data[lower..<(lower + count * 4)].withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                }
            }
            initialized = count
        }
    }
}
