import Foundation
import HelpdeskKB
import Testing

@Suite struct KBRankerTests {
    static let candidates = [
        KBRanker.Candidate(id: "refund", title: "Refunds", category: "billing", relevance: 4,
                           phrasings: [["refunds"], ["want", "refund", "money", "back"]]),
        KBRanker.Candidate(id: "invoice", title: "Invoices", category: "billing", relevance: 5,
                           phrasings: [["invoices"], ["download", "invoice"]]),
        KBRanker.Candidate(id: "password", title: "Password", category: "account", relevance: 1,
                           phrasings: [["password"], ["reset", "password"]]),
    ]

    @Test func phrasingMatchOutranksRawBM25() {
        let ranked = KBRanker().rank(queryTerms: ["refund", "money", "back"], candidates: Self.candidates,
                                     documentFrequency: ["refund": 1, "money": 1, "back": 1], documentCount: 3,
                                     predictedCategory: nil)
        #expect(ranked.first?.id == "refund")
        #expect(ranked.first?.coverage == 1)
        #expect(ranked.first.map { $0.phrasingMatch > 0.8 } == true)
    }

    @Test func categoryAgreementBreaksTies() {
        let tied = [
            KBRanker.Candidate(id: "a", title: "A", category: "account", relevance: 1, phrasings: [["reset"]]),
            KBRanker.Candidate(id: "b", title: "B", category: "billing", relevance: 1, phrasings: [["reset"]]),
        ]
        let ranked = KBRanker().rank(queryTerms: ["reset"], candidates: tied, documentFrequency: ["reset": 2],
                                     documentCount: 2, predictedCategory: "BILLING")
        #expect(ranked.map(\.id) == ["b", "a"])
        #expect(ranked.map(\.categoryAgreement) == [1, -1])
    }

    @Test func calibrationFitOrdersConfidenceAndStaysInRange() {
        // Good answers have high coverage, bad ones low: the fitted confidence must follow.
        var features: [[Double]] = []
        var labels: [Bool] = []
        for i in 0..<200 {
            let good = i % 3 != 0
            let noise = Double(i % 7) / 20
            let coverage = good ? 0.7 + noise : 0.1 + noise
            features.append([1 + coverage, coverage / 2, coverage, 0, coverage])
            labels.append(good)
        }
        let fitted = KBCalibration.fit(features: features, labels: labels)
        #expect(fitted.fittedOn == 200)
        let high = fitted.confidence(features: [1.9, 0.45, 0.9, 0, 0.9])
        let low = fitted.confidence(features: [1.2, 0.1, 0.2, 0, 0.2])
        #expect(high > 0.9 && low < 0.1)
        #expect(KBCalibration.fit(features: [[1, 1, 1, 0, 1]], labels: [true]) == .builtIn)
    }

    @Test func outOfScopeMatchIsTheQuerysBestMatchWithAnExample() {
        let df = ["see": 1, "bill": 2, "refund": 1, "money": 1, "back": 1]
        let near = KBRanker().rank(queryTerms: ["see", "bill"], candidates: Self.candidates, documentFrequency: df,
                                   documentCount: 3, predictedCategory: nil, outOfScope: [["see", "bill"], ["reset"]])
        #expect(near.allSatisfy { $0.outOfScopeMatch == 1 })
        let far = KBRanker().rank(queryTerms: ["refund", "money", "back"], candidates: Self.candidates,
                                  documentFrequency: df, documentCount: 3, predictedCategory: nil, outOfScope: [["see", "bill"]])
        #expect(far.allSatisfy { $0.outOfScopeMatch == 0 })
        let none = KBRanker().rank(queryTerms: ["see", "bill"], candidates: Self.candidates, documentFrequency: df,
                                   documentCount: 3, predictedCategory: nil)
        #expect(none.allSatisfy { $0.outOfScopeMatch == 0 })
    }

    /// Wrong answers that look like known out-of-scope questions: the penalty is learnt, lowers only
    /// confidences whose match is above the floor, and is never a reward.
    @Test func outOfScopePenaltyOnlyTakesConfidenceAway() {
        var features: [[Double]] = []
        var labels: [Bool] = []
        for i in 0..<300 {
            let good = i % 3 != 0
            let noise = Double(i % 7) / 20
            let coverage = good ? 0.7 + noise : 0.1 + noise
            // A third of the wrong answers are twins of a right one, but match an out-of-scope example.
            let twin = !good && i % 2 == 0
            let c = twin ? 0.8 + noise / 2 : coverage
            features.append([1 + c, c / 2, c, 0, c, twin ? 0.9 : 0.2])
            labels.append(good)
        }
        let fitted = KBCalibration.fit(features: features, labels: labels, outOfScope: [["see", "bill"]])
        #expect(fitted.outOfScopeWeight > 1)
        #expect(fitted.outOfScope == [["see", "bill"]])
        let clean = fitted.confidence(features: [1.9, 0.45, 0.9, 0, 0.9, 0.2])
        #expect(fitted.confidence(features: [1.9, 0.45, 0.9, 0, 0.9, 0.9]) < clean - 0.2)
        #expect(fitted.confidence(features: [1.9, 0.45, 0.9, 0, 0.9, KBCalibration.outOfScopeFloor]) == clean)
        // Matches that come with right answers: no reward, the weight stays 0.
        let flipped = KBCalibration.fit(features: features.enumerated().map { i, x in x.prefix(5) + [labels[i] ? 0.9 : 0.1] },
                                        labels: labels, outOfScope: [["x"]])
        #expect(flipped.outOfScopeWeight == 0)
    }

    @Test func calibrationsStoredBeforeThePenaltyStillDecode() throws {
        let old = #"{"weights":[0.3,-1,2,0,13],"bias":-11,"fittedOn":40}"#
        let decoded = try JSONDecoder().decode(KBCalibration.self, from: Data(old.utf8))
        #expect(decoded.outOfScopeWeight == 0 && decoded.outOfScope.isEmpty && decoded.fittedOn == 40)
        let encoded = try JSONEncoder().encode(KBCalibration.builtIn)
        #expect(try JSONDecoder().decode(KBCalibration.self, from: encoded) == .builtIn)
    }

    @Test func evaluationFigures() {
        let outcomes = [
            KBEvaluation.Outcome(expected: "a", top: "a", confidence: 0.9),
            KBEvaluation.Outcome(expected: "b", top: "a", confidence: 0.85),
            KBEvaluation.Outcome(expected: "c", top: "c", confidence: 0.3),
            KBEvaluation.Outcome(expected: nil, top: "a", confidence: 0.95),
            KBEvaluation.Outcome(expected: nil, top: "b", confidence: 0.2),
        ]
        let e = KBEvaluation(outcomes, threshold: 0.8)
        #expect(e.queries == 5 && e.answered == 3 && e.correct == 1)
        #expect(abs(e.precision - 1.0 / 3) < 1e-9)
        #expect(abs(e.coverage - 2.0 / 3) < 1e-9)
        #expect(e.outOfScopeAnswered == 0.5)
        #expect(KBEvaluation.threshold(for: outcomes, coverage: 0.3) == nil)
        #expect(KBEvaluation.threshold(for: Array(outcomes.prefix(1)), coverage: 0.3) == 0.01)
    }
}
