import Foundation

/// Turns ranking scores into a calibrated confidence: Platt scaling generalised to a few features of
/// the top result, i.e. logistic regression `p = σ(w·x + b)` fitted on validation queries whose
/// right answer is known (label 1 when the top article is the expected one, 0 when it is another
/// article or the query has no article).
///
/// Features of a ranked list: the top score, its margin over the second, the top phrasing match,
/// the top category agreement and the top coverage (see ``KBRanker``).
///
/// On top of that, a penalty for questions the KB must not answer: the validation questions without
/// an article stay part of the model (``outOfScope``, their terms), and a query that matches one of
/// them closely (``KBRanker/Ranked/outOfScopeMatch`` above ``outOfScopeFloor``) loses
/// `outOfScopeWeight` logits per unit above the floor. The penalty is fitted after the other weights,
/// with their score as a fixed offset, and can only lower a confidence: a question about a topic
/// none of the examples covers scores as it would without them.
/// - SeeAlso: J. Platt, "Probabilistic outputs for support vector machines" (1999).
public struct KBCalibration: Sendable, Codable, Equatable {
    public var weights: [Double]
    public var bias: Double
    /// Logits taken off per unit of out-of-scope match above ``outOfScopeFloor`` (≥ 0).
    public var outOfScopeWeight: Double
    /// Validation queries it was fitted on (0 for the built-in default).
    public var fittedOn: Int
    /// Terms (``KBTerms/queryTerms(_:)``) of the validation questions the KB must not answer.
    public var outOfScope: [[String]]

    public init(weights: [Double], bias: Double, outOfScopeWeight: Double = 0, fittedOn: Int, outOfScope: [[String]] = []) {
        self.weights = weights
        self.bias = bias
        self.outOfScopeWeight = outOfScopeWeight
        self.fittedOn = fittedOn
        self.outOfScope = outOfScope
    }

    /// Models stored before the out-of-scope penalty have neither its weight nor examples.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weights = try c.decode([Double].self, forKey: .weights)
        bias = try c.decode(Double.self, forKey: .bias)
        outOfScopeWeight = try c.decodeIfPresent(Double.self, forKey: .outOfScopeWeight) ?? 0
        fittedOn = try c.decode(Int.self, forKey: .fittedOn)
        outOfScope = try c.decodeIfPresent([[String]].self, forKey: .outOfScope) ?? []
    }

    /// The logistic features, then (last) the out-of-scope match the penalty reads.
    public static let featureNames = ["top_score", "margin", "phrasing_match", "category_agreement", "coverage",
                                      "out_of_scope_match"]
    static let logisticFeatures = featureNames.count - 1

    /// An out-of-scope match up to this is the overlap any two short questions share (a common word
    /// such as "invoice"): no penalty. Chosen by 10-fold cross-validated log loss on the Bitext
    /// validation split (`bench/kb-calibration-cv.py --floors`; flat from 0.3 to 0.5).
    public static let outOfScopeFloor = 0.4

    /// Used until a KB is imported with a `calibration.csv`: fitted on the shipped Bitext validation
    /// queries (`fixtures/kb-eval/kb/calibration.csv`, see docs/knowledge-base.md#figures); without
    /// out-of-scope examples there is no penalty.
    public static let builtIn = KBCalibration(
        weights: [0.3630, -1.0600, 2.2037, 0, 13.6767], bias: -11.3330, fittedOn: 0)

    public static func features(_ ranked: [KBRanker.Ranked]) -> [Double] {
        guard let top = ranked.first else { return [Double](repeating: 0, count: featureNames.count) }
        return features(top, rival: ranked.count > 1 ? ranked[1].score : 0)
    }

    /// The features of `item` as if it were the answer, against the best score of the others.
    public static func features(_ item: KBRanker.Ranked, rival: Double) -> [Double] {
        [item.score, item.score - rival, item.phrasingMatch, item.categoryAgreement, item.coverage, item.outOfScopeMatch]
    }

    public func confidence(_ ranked: [KBRanker.Ranked]) -> Double {
        confidence(features: Self.features(ranked))
    }

    public func confidence(features x: [Double]) -> Double {
        1 / (1 + exp(-(logit(x) - outOfScopeWeight * Self.penaltyFeature(x))))
    }

    /// The score of the logistic features alone.
    func logit(_ x: [Double]) -> Double {
        zip(weights, x.prefix(Self.logisticFeatures)).reduce(bias) { $0 + $1.0 * $1.1 }
    }

    static func penaltyFeature(_ x: [Double]) -> Double {
        x.count > logisticFeatures ? max(0, x[logisticFeatures] - outOfScopeFloor) : 0
    }
}
