import Foundation

/// What is known about a ticket when it arrives, for the due estimate.
public struct DueFeatures: Sendable, Equatable {
    public var category: String?
    public var priority: String
    /// Characters of the customer's first (trimmed) message.
    public var textLength: Int
    /// Tickets the same customer opened before this one.
    public var priorTickets: Int
    public var createdAt: Date

    public init(category: String?, priority: String, textLength: Int, priorTickets: Int, createdAt: Date) {
        self.category = category
        self.priority = priority
        self.textLength = textLength
        self.priorTickets = priorTickets
        self.createdAt = createdAt
    }
}

/// A closed ticket: its features and how long it took (created → closed).
public struct DueSample: Sendable, Equatable {
    public var features: DueFeatures
    public var resolutionHours: Double

    public init(features: DueFeatures, resolutionHours: Double) {
        self.features = features
        self.resolutionHours = resolutionHours
    }
}

/// Predicts how long a new ticket will take to close: linear regression on log(1 + hours) over
/// category, priority, message length, the customer's history, hour of day and weekday, with a small
/// ridge penalty, solved by the normal equations. The mean absolute error (in hours) is measured on
/// the newest 20% of the closed tickets by a model fitted on the older 80%; the model in use is then
/// fitted on all of them.
public struct DueEstimator: Sendable, Equatable {
    /// Fewer closed tickets than this: no estimate (the figure would be noise).
    public static let minimumSamples = 20
    static let maxCategories = 12
    static let ridge = 0.1

    public let categories: [String]
    public let weights: [Double]
    /// Hold-out mean absolute error in hours (nil when too few tickets to hold any out).
    public let maeHours: Double?
    public let samples: Int

    public static func fit(_ samples: [DueSample]) -> DueEstimator? {
        guard samples.count >= minimumSamples else { return nil }
        let sorted = samples.sorted { $0.features.createdAt < $1.features.createdAt }
        let categories = Self.categories(in: sorted)
        let split = Int(Double(sorted.count) * 0.8)
        var mae: Double?
        if let early = solve(Array(sorted[..<split]), categories: categories), split < sorted.count {
            let probe = DueEstimator(categories: categories, weights: early, maeHours: nil, samples: split)
            let late = sorted[split...]
            mae = late.map { abs(probe.estimateHours($0.features) - $0.resolutionHours) }.reduce(0, +) / Double(late.count)
        }
        guard let weights = solve(sorted, categories: categories) else { return nil }
        return DueEstimator(categories: categories, weights: weights, maeHours: mae, samples: sorted.count)
    }

    /// Hours until the ticket is expected to close (never negative).
    public func estimateHours(_ features: DueFeatures) -> Double {
        let x = Self.vector(features, categories: categories)
        let logHours = zip(x, weights).map(*).reduce(0, +)
        return max(0, exp(min(logHours, 12)) - 1)
    }

    /// The most frequent categories, each with its own coefficient; the rest share one.
    static func categories(in samples: [DueSample]) -> [String] {
        var counts: [String: Int] = [:]
        for sample in samples { if let c = sample.features.category { counts[c, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(maxCategories).map(\.key)
    }

    /// intercept, priority (3 indicators against `normal`), category indicators, log length,
    /// log prior tickets, hour of day (sin, cos), weekend.
    static func vector(_ f: DueFeatures, categories: [String]) -> [Double] {
        var x: [Double] = [1]
        for level in ["low", "high", "urgent"] { x.append(f.priority == level ? 1 : 0) }
        for category in categories { x.append(f.category == category ? 1 : 0) }
        x.append(log1p(Double(max(0, f.textLength))) / 10)
        x.append(log1p(Double(max(0, f.priorTickets))))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute, .weekday], from: f.createdAt)
        let hour = (Double(parts.hour ?? 0) + Double(parts.minute ?? 0) / 60) / 24 * 2 * Double.pi
        x.append(sin(hour))
        x.append(cos(hour))
        x.append(parts.weekday == 1 || parts.weekday == 7 ? 1 : 0)
        return x
    }

    /// Ridge least squares on log(1 + hours): (XᵀX + λI) w = Xᵀy by Gaussian elimination.
    static func solve(_ samples: [DueSample], categories: [String]) -> [Double]? {
        guard !samples.isEmpty else { return nil }
        let rows = samples.map { vector($0.features, categories: categories) }
        let y = samples.map { log1p(max(0, $0.resolutionHours)) }
        let d = rows[0].count
        var a = [[Double]](repeating: [Double](repeating: 0, count: d + 1), count: d)
        for (row, target) in zip(rows, y) {
            for i in 0..<d {
                for j in 0..<d { a[i][j] += row[i] * row[j] }
                a[i][d] += row[i] * target
            }
        }
        for i in 1..<d { a[i][i] += ridge }  // the intercept is not penalised
        for column in 0..<d {
            guard let pivot = (column..<d).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            for row in 0..<d where row != column {
                let factor = a[row][column] / a[column][column]
                if factor != 0 { for k in column...d { a[row][k] -= factor * a[column][k] } }
            }
        }
        return (0..<d).map { a[$0][d] / a[$0][$0] }
    }
}
