import Foundation

/// A trained text classifier: TF-IDF features and one linear score per label,
/// `score(c) = bias(c) + Σ x_j · weight(j, c)`, turned into probabilities by a softmax at
/// temperature `temperature` (Guo et al., "On Calibration of Modern Neural Networks", 2017).
///
/// Both model kinds have this form: for multinomial naive Bayes the bias is the log prior and the
/// weights are log P(feature | label); for logistic regression they are the learned coefficients.
public struct LinearTextModel: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case naiveBayes = "naive_bayes"
        case logisticRegression = "logistic_regression"
    }

    public var kind: Kind
    public var labels: [String]
    public var vocabulary: TfidfVocabulary
    /// `dimension × labels.count`, feature-major: the label scores of feature j are contiguous.
    public var weights: [Float]
    public var bias: [Float]
    public var temperature: Float

    public init(kind: Kind, labels: [String], vocabulary: TfidfVocabulary, weights: [Float], bias: [Float],
                temperature: Float = 1) {
        precondition(weights.count == vocabulary.dimension * labels.count && bias.count == labels.count)
        self.kind = kind
        self.labels = labels
        self.vocabulary = vocabulary
        self.weights = weights
        self.bias = bias
        self.temperature = temperature
    }

    /// Raw label scores (logits) of a feature vector.
    public func scores(_ x: SparseVector) -> [Float] {
        var scores = bias
        let c = labels.count
        weights.withUnsafeBufferPointer { w in
            scores.withUnsafeMutableBufferPointer { s in
                for n in 0..<x.indices.count {
                    let row = Int(x.indices[n]) * c, value = x.values[n]
                    for k in 0..<c { s[k] += value * w[row + k] }
                }
            }
        }
        return scores
    }

    /// Calibrated probabilities per label (same order as `labels`).
    public func probabilities(_ text: String) -> [Float] {
        Self.softmax(scores(vocabulary.vector(text)), temperature: temperature)
    }

    /// The most probable label and its probability.
    public func predict(_ text: String) -> (label: String, probability: Float) {
        let p = probabilities(text)
        let best = Self.argmax(p)
        return (labels[best], p[best])
    }

    public static func softmax(_ scores: [Float], temperature: Float) -> [Float] {
        guard let top = scores.max() else { return [] }
        var result = scores.map { Float(Foundation.exp(Double(($0 - top) / temperature))) }
        let sum = result.reduce(0, +)
        for i in result.indices { result[i] /= sum }
        return result
    }

    public static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
