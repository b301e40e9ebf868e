import CBLAS
import Foundation

/// The few dense operations a BERT forward pass needs, on row-major `Float` matrices. Matrix products go
/// to OpenBLAS (`cblas_sgemm`); the rest are plain loops.
enum DenseMath {
    /// `y[rows × out] = x[rows × in] · Wᵀ + b` for a linear layer stored `[out, in]`.
    static func linear(_ x: [Float], rows: Int, inputs: Int, _ weight: [Float], _ bias: [Float], outputs: Int) -> [Float] {
        var y = [Float](repeating: 0, count: rows * outputs)
        for r in 0..<rows {
            y.withUnsafeMutableBufferPointer { out in
                bias.withUnsafeBufferPointer { b in
                    (out.baseAddress! + r * outputs).update(from: b.baseAddress!, count: outputs)
                }
            }
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                    1, x, Int32(inputs), weight, Int32(inputs), 1, &y, Int32(outputs))
        return y
    }

    /// Layer normalisation of each row of `x`, in place: `(x − mean) / sqrt(var + ε) · γ + β`.
    static func layerNorm(_ x: inout [Float], rows: Int, width: Int, _ gamma: [Float], _ beta: [Float], epsilon: Float) {
        x.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<rows {
                let row = UnsafeMutableBufferPointer(rebasing: buffer[(r * width)..<((r + 1) * width)])
                var mean: Double = 0
                for v in row { mean += Double(v) }
                mean /= Double(width)
                var variance: Double = 0
                for v in row { variance += (Double(v) - mean) * (Double(v) - mean) }
                variance /= Double(width)
                let scale = 1 / (variance + Double(epsilon)).squareRoot()
                for i in 0..<width {
                    row[i] = Float((Double(row[i]) - mean) * scale) * gamma[i] + beta[i]
                }
            }
        }
    }

    /// `x += y`, element by element.
    static func add(_ x: inout [Float], _ y: [Float]) {
        for i in x.indices { x[i] += y[i] }
    }

    /// GELU with the error function (BERT's "gelu"): `x · Φ(x)`.
    static func gelu(_ x: inout [Float]) {
        let invSqrt2: Float = 0.70710678118654752
        for i in x.indices {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erff(v * invSqrt2))
        }
    }

    /// Softmax of each row of `x`, in place (max subtracted first).
    static func softmaxRows(_ x: inout [Float], rows: Int, width: Int) {
        for r in 0..<rows {
            let base = r * width
            var top = -Float.infinity
            for i in base..<(base + width) { top = max(top, x[i]) }
            var sum: Float = 0
            for i in base..<(base + width) {
                x[i] = expf(x[i] - top)
                sum += x[i]
            }
            let inverse = 1 / sum
            for i in base..<(base + width) { x[i] *= inverse }
        }
    }
}
