import CBLAS

/// A BERT encoder forward pass for one sequence (no padding, so every token attends to every token):
/// embeddings, then per block self-attention with residual and layer norm, and the GELU feed-forward
/// with residual and layer norm. Returns the last hidden states, `[tokens × hidden]`.
public struct BertEncoder: Sendable {
    public let weights: BertWeights

    public init(weights: BertWeights) {
        self.weights = weights
    }

    public func hiddenStates(_ ids: [Int32]) -> [Float] {
        let shape = weights.shape
        let n = min(ids.count, shape.positions)
        var x = embed(Array(ids.prefix(n)))
        for layer in weights.layers {
            x = block(x, tokens: n, layer)
        }
        return x
    }

    func embed(_ ids: [Int32]) -> [Float] {
        let h = weights.shape.hidden
        var x = [Float](repeating: 0, count: ids.count * h)
        for (t, id) in ids.enumerated() {
            let word = Int(id) < weights.shape.vocabulary && id >= 0 ? Int(id) : 0
            for i in 0..<h {
                x[t * h + i] = weights.wordEmbeddings[word * h + i] + weights.positionEmbeddings[t * h + i]
                    + weights.typeEmbeddings[i]
            }
        }
        DenseMath.layerNorm(&x, rows: ids.count, width: h, weights.embeddingNorm, weights.embeddingNormBias,
                            epsilon: weights.shape.layerNormEpsilon)
        return x
    }

    func block(_ input: [Float], tokens n: Int, _ layer: BertWeights.Layer) -> [Float] {
        let shape = weights.shape
        let h = shape.hidden
        let qkv = DenseMath.linear(input, rows: n, inputs: h, layer.qkv, layer.qkvBias, outputs: 3 * h)
        let context = attention(qkv, tokens: n)
        var x = DenseMath.linear(context, rows: n, inputs: h, layer.attentionOut, layer.attentionOutBias, outputs: h)
        DenseMath.add(&x, input)
        DenseMath.layerNorm(&x, rows: n, width: h, layer.attentionNorm, layer.attentionNormBias, epsilon: shape.layerNormEpsilon)
        var inner = DenseMath.linear(x, rows: n, inputs: h, layer.intermediate, layer.intermediateBias, outputs: shape.intermediate)
        DenseMath.gelu(&inner)
        var out = DenseMath.linear(inner, rows: n, inputs: shape.intermediate, layer.output, layer.outputBias, outputs: h)
        DenseMath.add(&out, x)
        DenseMath.layerNorm(&out, rows: n, width: h, layer.outputNorm, layer.outputNormBias, epsilon: shape.layerNormEpsilon)
        return out
    }

    /// Scaled dot-product attention per head over the joined projections `qkv` (`[n × 3h]`: queries, keys,
    /// values side by side); the heads' results are written side by side into `[n × h]`.
    func attention(_ qkv: [Float], tokens n: Int) -> [Float] {
        let h = weights.shape.hidden
        let heads = weights.shape.heads
        let d = h / heads
        let stride = Int32(3 * h)
        let scale = 1 / Float(d).squareRoot()
        var context = [Float](repeating: 0, count: n * h)
        var scores = [Float](repeating: 0, count: n * n)
        qkv.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            for head in 0..<heads {
                let q = base + head * d, k = base + h + head * d, v = base + 2 * h + head * d
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(d),
                            scale, q, stride, k, stride, 0, &scores, Int32(n))
                DenseMath.softmaxRows(&scores, rows: n, width: n)
                context.withUnsafeMutableBufferPointer { out in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(d), Int32(n),
                                1, scores, Int32(n), v, stride, 0, out.baseAddress! + head * d, Int32(h))
                }
            }
        }
        return context
    }
}
