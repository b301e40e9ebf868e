import Foundation

/// Turns ranking scores into a calibrated confidence: Platt scaling generalised to a few features of
/// the top result, i.e. logistic regression `p = σ(w·x + b)` fitted on validation queries whose
/// right answer is known (label 1 when the top article is the expected one, 0 when it is another
/// article or the query has no article).
///
/// Features of a ranked list: the top score, its margin over the second, the top phrasing match,
/// the top category agreement and the top coverage (see ``KBRanker``).
/// - SeeAlso: J. Platt, "Probabilistic outputs for support vector machines" (1999).
public struct KBCalibration: Sendable, Codable, Equatable {
    public var weights: [Double]
    public var bias: Double
    /// Validation queries it was fitted on (0 for the built-in default).
    public var fittedOn: Int

    public init(weights: [Double], bias: Double, fittedOn: Int) {
        self.weights = weights
        self.bias = bias
        self.fittedOn = fittedOn
    }

    public static let featureNames = ["top_score", "margin", "phrasing_match", "category_agreement", "coverage"]

    /// Used until a KB is imported with a `calibration.csv`: fitted on the shipped Bitext validation
    /// queries (`fixtures/kb-eval/kb/calibration.csv`, see README "Knowledge base").
    public static let builtIn = KBCalibration(
        weights: [0.3630, -1.0600, 2.2037, 0, 13.6767], bias: -11.3330, fittedOn: 0)

    public static func features(_ ranked: [KBRanker.Ranked]) -> [Double] {
        guard let top = ranked.first else { return [0, 0, 0, 0, 0] }
        return features(top, rival: ranked.count > 1 ? ranked[1].score : 0)
    }

    /// The features of `item` as if it were the answer, against the best score of the others.
    public static func features(_ item: KBRanker.Ranked, rival: Double) -> [Double] {
        [item.score, item.score - rival, item.phrasingMatch, item.categoryAgreement, item.coverage]
    }

    public func confidence(_ ranked: [KBRanker.Ranked]) -> Double {
        confidence(features: Self.features(ranked))
    }

    public func confidence(features x: [Double]) -> Double {
        var z = bias
        for (w, v) in zip(weights, x) { z += w * v }
        return 1 / (1 + exp(-z))
    }

    /// Fits the logistic regression by Newton's method (IRLS) with a small L2 penalty, which keeps
    /// the weights finite when the validation set is separable.
    public static func fit(features: [[Double]], labels: [Bool], l2: Double = 0.01, iterations: Int = 50) -> KBCalibration {
        let d = featureNames.count + 1
        guard !features.isEmpty, Set(labels).count == 2 else { return builtIn }
        var beta = [Double](repeating: 0, count: d)
        let rows = features.map { $0 + [1.0] }
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for (x, y) in zip(rows, labels) {
                let z = zip(beta, x).reduce(0) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + exp(-z))
                let r = (y ? 1 : 0) - p
                let w = max(p * (1 - p), 1e-9)
                for i in 0..<d {
                    gradient[i] += r * x[i]
                    for j in 0..<d { hessian[i][j] += w * x[i] * x[j] }
                }
            }
            for i in 0..<(d - 1) {
                gradient[i] -= l2 * beta[i]
                hessian[i][i] += l2
            }
            guard let step = solve(hessian, gradient) else { break }
            for i in 0..<d { beta[i] += step[i] }
            if step.map(abs).max() ?? 0 < 1e-8 { break }
        }
        return KBCalibration(weights: Array(beta.prefix(d - 1)), bias: beta[d - 1], fittedOn: features.count)
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let f = m[row][col] / m[col][col]
                for k in col..<n { m[row][k] -= f * m[col][k] }
                v[row] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = v[row]
            for k in (row + 1)..<n { s -= m[row][k] * x[k] }
            x[row] = s / m[row][row]
        }
        return x
    }
}
