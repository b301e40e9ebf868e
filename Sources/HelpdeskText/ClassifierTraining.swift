import Foundation

/// Trains a text classifier: both naive Bayes and logistic regression are scored by stratified k-fold
/// cross-validation (macro-F1) on the training set, the better kind is refitted on all of it, and its
/// softmax temperature is fitted on the out-of-fold scores (minimum negative log-likelihood).
/// Deterministic: folds and SGD order come from seeded generators.
public enum ClassifierTraining {
    public struct Options: Sendable {
        public var folds = 5
        public var seed: UInt64 = 42
        public var hashing = FeatureHashing()
        public var naiveBayes = NaiveBayesTrainer()
        public var logistic = LogisticRegressionTrainer()
        /// Kinds to compare; one kind skips nothing but the comparison (CV still fits the temperature).
        public var kinds: [LinearTextModel.Kind] = LinearTextModel.Kind.allCases
        public init() {}
    }

    public struct Report: Sendable, Codable {
        public var kind: LinearTextModel.Kind
        /// Cross-validated scores of every kind that was compared.
        public var crossValidation: [String: ClassificationMetrics]
        public var temperature: Float
        public var trainCount: Int
        public var labels: [String]

        enum CodingKeys: String, CodingKey {
            case kind, crossValidation = "cross_validation", temperature, trainCount = "n_train", labels
        }

        public var chosenMacroF1: Double { crossValidation[kind.rawValue]?.macroF1 ?? 0 }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func train(_ examples: [LabeledText], options: Options = Options(),
                             progress: ((Int, Int) -> Void)? = nil) throws -> (model: LinearTextModel, report: Report) {
        let labelNames = Array(Set(examples.map(\.label))).sorted()
        guard labelNames.count >= 2 else { throw Failure(description: "need at least two labels, found \(labelNames.count)") }
        let folds = max(2, options.folds)
        guard examples.count >= folds * 2 else { throw Failure(description: "need at least \(folds * 2) examples, found \(examples.count)") }
        let index = Dictionary(uniqueKeysWithValues: labelNames.enumerated().map { ($1, $0) })
        let y = examples.map { index[$0.label]! }
        let counts = examples.map { options.hashing.counts($0.text) }
        let fold = assignFolds(y, folds: folds, seed: options.seed)
        let steps = folds * options.kinds.count + 1
        var done = 0

        var outOfFold: [LinearTextModel.Kind: [[Float]]] = [:]
        for kind in options.kinds { outOfFold[kind] = Array(repeating: [], count: examples.count) }
        for f in 0..<folds {
            let train = examples.indices.filter { fold[$0] != f }
            let held = examples.indices.filter { fold[$0] == f }
            let vocabulary = TfidfVocabulary(hashing: options.hashing, documents: train.map { counts[$0] })
            let vectors = train.map { vocabulary.vector(counts[$0]) }
            for kind in options.kinds {
                let model = fit(kind, vectors, train.map { y[$0] }, labelNames, vocabulary, options)
                for i in held { outOfFold[kind]![i] = model.scores(vocabulary.vector(counts[i])) }
                done += 1
                progress?(done, steps)
            }
        }
        var crossValidation: [String: ClassificationMetrics] = [:]
        for kind in options.kinds {
            let predicted = outOfFold[kind]!.map { labelNames[LinearTextModel.argmax($0)] }
            crossValidation[kind.rawValue] = ClassificationMetrics(truth: examples.map(\.label), predicted: predicted)
        }
        // Ties go to the first kind listed (naive Bayes: cheaper and smaller).
        let chosen = options.kinds.max { crossValidation[$0.rawValue]!.macroF1 < crossValidation[$1.rawValue]!.macroF1 }!
        let temperature = fitTemperature(outOfFold[chosen]!, y)

        let vocabulary = TfidfVocabulary(hashing: options.hashing, documents: counts)
        var model = fit(chosen, counts.map { vocabulary.vector($0) }, y, labelNames, vocabulary, options)
        model.temperature = temperature
        progress?(steps, steps)
        let report = Report(kind: chosen, crossValidation: crossValidation, temperature: temperature,
                            trainCount: examples.count, labels: labelNames)
        return (model, report)
    }

    static func fit(_ kind: LinearTextModel.Kind, _ vectors: [SparseVector], _ y: [Int], _ labels: [String],
                    _ vocabulary: TfidfVocabulary, _ options: Options) -> LinearTextModel {
        switch kind {
        case .naiveBayes: return options.naiveBayes.train(vectors, labels: y, labelNames: labels, vocabulary: vocabulary)
        case .logisticRegression: return options.logistic.train(vectors, labels: y, labelNames: labels, vocabulary: vocabulary)
        }
    }

    /// Stratified folds: each label's examples are shuffled and dealt round-robin.
    static func assignFolds(_ y: [Int], folds: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var fold = [Int](repeating: 0, count: y.count)
        var next = 0
        for label in Set(y).sorted() {
            var members = y.indices.filter { y[$0] == label }
            members.shuffle(using: &generator)
            for i in members { fold[i] = next % folds; next += 1 }
        }
        return fold
    }

    /// The temperature with the least mean negative log-likelihood of the out-of-fold scores. The loss
    /// is convex in 1/T, so a golden-section search over ln T in [ln 0.02, ln 50] finds it (25 steps).
    static func fitTemperature(_ scores: [[Float]], _ y: [Int]) -> Float {
        func loss(_ logT: Double) -> Double {
            let beta = Foundation.exp(-logT)
            var total = 0.0
            for (s, label) in zip(scores, y) {
                guard let top = s.max() else { continue }
                var sum = 0.0
                for v in s { sum += Foundation.exp(beta * Double(v - top)) }
                total += Foundation.log(sum) - beta * Double(s[label] - top)
            }
            return total
        }
        let ratio = (5.0.squareRoot() - 1) / 2
        var low = Foundation.log(0.02), high = Foundation.log(50.0)
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var lossA = loss(a), lossB = loss(b)
        for _ in 0..<25 {
            if lossA < lossB {
                high = b; b = a; lossB = lossA
                a = high - ratio * (high - low); lossA = loss(a)
            } else {
                low = a; a = b; lossA = lossB
                b = low + ratio * (high - low); lossB = loss(b)
            }
        }
        return Float(Foundation.exp((low + high) / 2))
    }
}
