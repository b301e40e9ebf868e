import Foundation

extension KBCalibration {
    /// Fits the calibration in two stages, each a logistic regression by Newton's method (IRLS)
    /// with a small L2 penalty, which keeps the weights finite when the validation set is separable:
    /// first the weights and bias of the logistic features; then, with that score as a fixed offset,
    /// the out-of-scope penalty weight alone (no bias, so it cannot raise other confidences; a fitted
    /// weight that would reward a match is 0).
    /// `outOfScope` is stored with the model: the examples the out-of-scope feature was computed against.
    public static func fit(features: [[Double]], labels: [Bool], outOfScope: [[String]] = [], l2: Double = 0.01,
                           iterations: Int = 50) -> KBCalibration {
        guard !features.isEmpty, Set(labels).count == 2 else { return builtIn }
        let rows = features.map { Array($0.prefix(logisticFeatures)) + [1.0] }
        guard let beta = newton(rows: rows, offsets: [Double](repeating: 0, count: rows.count), labels: labels,
                                penalised: logisticFeatures, l2: l2, iterations: iterations) else { return builtIn }
        var model = KBCalibration(weights: Array(beta.prefix(logisticFeatures)), bias: beta[logisticFeatures],
                                  fittedOn: features.count, outOfScope: outOfScope)
        let penalty = features.map { [penaltyFeature($0)] }
        if !outOfScope.isEmpty, penalty.contains(where: { $0[0] > 0 }),
           let w = newton(rows: penalty, offsets: features.map(model.logit), labels: labels, penalised: 1, l2: l2,
                          iterations: iterations) {
            model.outOfScopeWeight = max(0, -w[0])
        }
        return model
    }

    /// Maximises the L2-penalised log likelihood of `σ(β·x + offset)`; the first `penalised`
    /// coefficients carry the penalty (a trailing bias column does not). Nil when the Hessian is singular
    /// at the start.
    static func newton(rows: [[Double]], offsets: [Double], labels: [Bool], penalised: Int, l2: Double,
                       iterations: Int) -> [Double]? {
        let d = rows[0].count
        var beta = [Double](repeating: 0, count: d)
        for iteration in 0..<iterations {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for ((x, offset), y) in zip(zip(rows, offsets), labels) {
                let z = zip(beta, x).reduce(offset) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + exp(-z))
                let r = (y ? 1 : 0) - p
                let w = max(p * (1 - p), 1e-9)
                for i in 0..<d {
                    gradient[i] += r * x[i]
                    for j in 0..<d { hessian[i][j] += w * x[i] * x[j] }
                }
            }
            for i in 0..<penalised {
                gradient[i] -= l2 * beta[i]
                hessian[i][i] += l2
            }
            guard let step = solve(hessian, gradient) else { return iteration == 0 ? nil : beta }
            for i in 0..<d { beta[i] += step[i] }
            if step.map(abs).max() ?? 0 < 1e-8 { break }
        }
        return beta
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
