import HelpdeskText

/// Spherical k-means (Dhillon & Modha, "Concept Decompositions for Large Sparse Text Data using
/// Clustering", 2001): documents and centroids on the unit sphere, assignment by cosine similarity,
/// each centroid the normalised mean of its documents. Seeded k-means++ initialisation (Arthur &
/// Vassilvitskii 2007) with distance `1 − cos`, a few restarts keeping the most coherent result, so the
/// same input always gives the same clusters. k is chosen by the mean silhouette (Rousseeuw 1987).
public struct SphericalKMeans: Sendable {
    public var seed: UInt64
    public var restarts: Int
    public var maxIterations: Int

    public init(seed: UInt64 = 0x6d61_696c_6465_736b, restarts: Int = 4, maxIterations: Int = 50) {
        self.seed = seed
        self.restarts = restarts
        self.maxIterations = maxIterations
    }

    static let silhouetteSample = 1_000

    public struct Clustering: Sendable, Equatable {
        /// Cluster of each document.
        public var assignment: [Int]
        /// Normalised centroids, dense over the vocabulary.
        public var centroids: [[Double]]
        /// Mean silhouette (−1…1); nil for one cluster.
        public var silhouette: Double?
    }

    /// The best clustering for k in `ks` by mean silhouette (ties: the smaller k). With fewer than three
    /// documents (or one usable k) everything is one cluster.
    public func best(_ vectors: [TopicVector], dimension: Int, ks: ClosedRange<Int>) -> Clustering {
        let upper = min(ks.upperBound, vectors.count - 1)
        guard upper >= max(ks.lowerBound, 2) else { return run(vectors, k: 1, dimension: dimension) }
        // The silhouette is quadratic: over at most `silhouetteSample` evenly spaced documents.
        let step = max(1, (vectors.count + Self.silhouetteSample - 1) / Self.silhouetteSample)
        let sample = Array(stride(from: 0, to: vectors.count, by: step))
        let similarity = Self.similarities(sample.map { vectors[$0] })
        var best: Clustering?
        for k in max(ks.lowerBound, 2)...upper {
            var clustering = run(vectors, k: k, dimension: dimension)
            clustering.silhouette = Self.silhouette(sample.map { clustering.assignment[$0] }, similarity: similarity)
            if best == nil || clustering.silhouette! > best!.silhouette! + 1e-9 { best = clustering }
        }
        return best!
    }

    /// k-means with `restarts` seeded starts; keeps the one with the largest total similarity.
    public func run(_ vectors: [TopicVector], k: Int, dimension: Int) -> Clustering {
        var generator = SeededGenerator(seed: seed &+ UInt64(k))
        var best: (score: Double, clustering: Clustering)?
        for _ in 0..<max(1, restarts) {
            var centroids = initialCentroids(vectors, k: k, dimension: dimension, generator: &generator)
            var assignment = [Int](repeating: -1, count: vectors.count)
            for _ in 0..<maxIterations {
                var changed = false
                for (i, v) in vectors.enumerated() {
                    let nearest = Self.nearest(v, centroids).index
                    if nearest != assignment[i] { assignment[i] = nearest; changed = true }
                }
                centroids = Self.centroids(vectors, assignment, k: k, dimension: dimension, previous: centroids)
                if !changed { break }
            }
            let score = zip(vectors, assignment).reduce(0) { $0 + $1.0.dot(centroids[$1.1]) }
            if best == nil || score > best!.score + 1e-9 {
                best = (score, Clustering(assignment: assignment, centroids: centroids, silhouette: nil))
            }
        }
        return best!.clustering
    }

    /// The centroid most similar to `v` (the lowest index among equals) and that similarity.
    public static func nearest(_ v: TopicVector, _ centroids: [[Double]]) -> (index: Int, similarity: Double) {
        var best = (index: 0, similarity: -Double.infinity)
        for (c, centroid) in centroids.enumerated() {
            let s = v.dot(centroid)
            if s > best.similarity + 1e-12 { best = (c, s) }
        }
        return best
    }

    func initialCentroids(_ vectors: [TopicVector], k: Int, dimension: Int,
                          generator: inout SeededGenerator) -> [[Double]] {
        var chosen = [Int.random(in: 0..<vectors.count, using: &generator)]
        var distance = vectors.map { 1 - $0.dot(vectors[chosen[0]]) }
        while chosen.count < k {
            let total = distance.reduce(0, +)
            var pick = 0
            if total > 1e-12 {
                var r = Double.random(in: 0..<total, using: &generator)
                for (i, d) in distance.enumerated() { r -= d; if r < 0 { pick = i; break } }
            } else {
                pick = (0..<vectors.count).first { !chosen.contains($0) } ?? 0
            }
            chosen.append(pick)
            for i in vectors.indices { distance[i] = min(distance[i], 1 - vectors[i].dot(vectors[pick])) }
        }
        return chosen.map { Self.dense(vectors[$0], dimension: dimension) }
    }

    static func dense(_ v: TopicVector, dimension: Int) -> [Double] {
        var d = [Double](repeating: 0, count: dimension)
        for (i, value) in zip(v.indices, v.values) { d[i] = value }
        return d
    }

    /// Normalised means; an emptied cluster keeps its previous centroid.
    static func centroids(_ vectors: [TopicVector], _ assignment: [Int], k: Int, dimension: Int,
                          previous: [[Double]]) -> [[Double]] {
        var sums = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: k)
        for (v, c) in zip(vectors, assignment) { for (i, value) in zip(v.indices, v.values) { sums[c][i] += value } }
        return sums.enumerated().map { c, sum in
            let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? sum.map { $0 / norm } : previous[c]
        }
    }

    static func similarities(_ vectors: [TopicVector]) -> [[Double]] {
        var s = [[Double]](repeating: [Double](repeating: 0, count: vectors.count), count: vectors.count)
        for i in vectors.indices { for j in i..<vectors.count { let d = vectors[i].dot(vectors[j]); s[i][j] = d; s[j][i] = d } }
        return s
    }

    /// Mean over documents of `(b − a) / max(a, b)`, `a` the mean distance to its own cluster, `b` to
    /// the nearest other cluster; a document alone in its cluster scores 0.
    static func silhouette(_ assignment: [Int], similarity: [[Double]]) -> Double {
        let k = (assignment.max() ?? 0) + 1
        var total = 0.0
        for i in assignment.indices {
            var sum = [Double](repeating: 0, count: k), count = [Int](repeating: 0, count: k)
            for j in assignment.indices where j != i { sum[assignment[j]] += 1 - similarity[i][j]; count[assignment[j]] += 1 }
            let own = assignment[i]
            guard count[own] > 0 else { continue }
            let a = sum[own] / Double(count[own])
            let b = (0..<k).filter { $0 != own && count[$0] > 0 }.map { sum[$0] / Double(count[$0]) }.min() ?? 0
            let m = max(a, b)
            if m > 0 { total += (b - a) / m }
        }
        return total / Double(assignment.count)
    }
}
