/// Accuracy and macro-averaged F1 (the unweighted mean of per-label F1 over every label that occurs
/// in the truth or the predictions, as scikit-learn's `f1_score(average="macro")` computes it).
public struct ClassificationMetrics: Sendable, Equatable, Codable {
    public var accuracy: Double
    public var macroF1: Double
    public var count: Int

    enum CodingKeys: String, CodingKey { case accuracy, macroF1 = "macro_f1", count }

    public init(truth: [String], predicted: [String?]) {
        precondition(truth.count == predicted.count)
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:]
        var correct = 0
        var labels = Set(truth)
        for (t, p) in zip(truth, predicted) {
            if let p { labels.insert(p) }
            if p == t {
                correct += 1
                tp[t, default: 0] += 1
            } else {
                fn[t, default: 0] += 1
                if let p { fp[p, default: 0] += 1 }
            }
        }
        var sum = 0.0
        for label in labels {
            let denominator = 2 * tp[label, default: 0] + fp[label, default: 0] + fn[label, default: 0]
            sum += denominator == 0 ? 0 : Double(2 * tp[label, default: 0]) / Double(denominator)
        }
        count = truth.count
        accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
        macroF1 = labels.isEmpty ? 0 : sum / Double(labels.count)
    }
}
