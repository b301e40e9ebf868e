import Foundation

/// Multinomial naive Bayes over TF-IDF weights with additive (Lidstone) smoothing `alpha`
/// (Manning, Raghavan, Schütze, "Introduction to Information Retrieval", section 13.2;
/// Rennie et al. 2003 on TF-IDF inputs).
public struct NaiveBayesTrainer: Sendable {
    public var alpha: Float = 0.1

    public init(alpha: Float = 0.1) { self.alpha = alpha }

    public func train(_ vectors: [SparseVector], labels: [Int], labelNames: [String],
                      vocabulary: TfidfVocabulary) -> LinearTextModel {
        let c = labelNames.count, d = vocabulary.dimension
        var mass = [Double](repeating: 0, count: d * c)
        var perLabel = [Double](repeating: 0, count: c)
        var documents = [Double](repeating: 0, count: c)
        for (x, y) in zip(vectors, labels) {
            documents[y] += 1
            for (index, value) in zip(x.indices, x.values) {
                mass[Int(index) * c + y] += Double(value)
                perLabel[y] += Double(value)
            }
        }
        let a = Double(alpha)
        var weights = [Float](repeating: 0, count: d * c)
        for j in 0..<d {
            for k in 0..<c {
                weights[j * c + k] = Float(Foundation.log((mass[j * c + k] + a) / (perLabel[k] + a * Double(d))))
            }
        }
        let total = Double(vectors.count)
        let bias = documents.map { Float(Foundation.log(max($0, 0.5) / total)) }
        return LinearTextModel(kind: .naiveBayes, labels: labelNames, vocabulary: vocabulary, weights: weights, bias: bias)
    }
}
