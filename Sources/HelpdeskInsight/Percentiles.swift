/// Order statistics of a sample: the median and the 90th percentile by linear interpolation between
/// the closest ranks (Hyndman & Fan 1996, definition 7 — the default of R, NumPy and spreadsheets):
/// for sorted `x` of size `n`, `h = (n − 1)·p`, `Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`.
/// The median of an even-sized sample is the mean of the two middle values.
public struct Percentiles: Sendable, Equatable {
    public var count: Int
    public var median: Double?
    public var p90: Double?

    public init(_ values: [Double]) {
        let sorted = values.filter { $0.isFinite }.sorted()
        count = sorted.count
        median = Self.quantile(sorted, 0.5)
        p90 = Self.quantile(sorted, 0.9)
    }

    /// `Q(p)` of an already sorted sample; nil when it is empty.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
