import Foundation

/// TF-IDF over hashed buckets: the buckets seen in training become compact feature indices, with
/// smoothed IDF `ln((1 + n) / (1 + df)) + 1`, sublinear TF `1 + ln tf`, and L2-normalised vectors
/// (Manning, Raghavan, Schütze, "Introduction to Information Retrieval", sections 6.2–6.4).
public struct TfidfVocabulary: Sendable {
    public var hashing: FeatureHashing
    /// Sorted buckets; position = feature index.
    public var buckets: [UInt32]
    public var idf: [Float]
    /// bucket → feature index, or -1 (2^bits entries, rebuilt on load).
    var lookup: [Int32]

    public init(hashing: FeatureHashing, buckets: [UInt32], idf: [Float]) {
        self.hashing = hashing
        self.buckets = buckets
        self.idf = idf
        var lookup = [Int32](repeating: -1, count: hashing.buckets)
        for (i, bucket) in buckets.enumerated() { lookup[Int(bucket)] = Int32(i) }
        self.lookup = lookup
    }

    /// Fits on the bucket counts of the training documents.
    public init(hashing: FeatureHashing, documents: [[(bucket: UInt32, count: Float)]]) {
        var df = [Int32](repeating: 0, count: hashing.buckets)
        for document in documents { for term in document { df[Int(term.bucket)] += 1 } }
        var buckets: [UInt32] = []
        var idf: [Float] = []
        let n = Float(documents.count)
        for (bucket, count) in df.enumerated() where count > 0 {
            buckets.append(UInt32(bucket))
            idf.append(((1 + n) / (1 + Float(count))).logNatural + 1)
        }
        self.init(hashing: hashing, buckets: buckets, idf: idf)
    }

    public var dimension: Int { buckets.count }

    public func vector(_ counts: [(bucket: UInt32, count: Float)]) -> SparseVector {
        var vector = SparseVector()
        vector.indices.reserveCapacity(counts.count)
        vector.values.reserveCapacity(counts.count)
        var norm: Float = 0
        for term in counts {
            let index = lookup[Int(term.bucket)]
            guard index >= 0 else { continue }
            let value = (1 + term.count.logNatural) * idf[Int(index)]
            vector.indices.append(index)
            vector.values.append(value)
            norm += value * value
        }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for i in vector.values.indices { vector.values[i] *= scale }
        }
        return vector
    }

    public func vector(_ text: String) -> SparseVector {
        vector(hashing.counts(text))
    }
}

extension Float {
    var logNatural: Float { Float(Foundation.log(Double(self))) }
}
