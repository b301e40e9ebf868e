import Foundation
import HelpdeskInsight
import Testing

@Suite struct DueEstimatorTests {
    /// Resolution depends on priority and category: urgent ≈ 2 h, normal ≈ 12 h, low ≈ 60 h; billing
    /// takes twice as long. Deterministic jitter keeps it from being exact.
    func history(_ count: Int) -> [DueSample] {
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        let levels: [(String, Double)] = [("urgent", 2), ("normal", 12), ("low", 60)]
        return (0..<count).map { n in
            let (priority, base) = levels[n % 3]
            let category = n % 2 == 0 ? "billing" : "shipping"
            let hours = base * (category == "billing" ? 2 : 1) * (0.9 + 0.2 * Double(n % 5) / 4)
            return DueSample(features: DueFeatures(category: category, priority: priority, textLength: 200 + n % 7 * 30,
                                                   priorTickets: n % 4, createdAt: start.addingTimeInterval(Double(n) * 3_700)),
                             resolutionHours: hours)
        }
    }

    @Test func tooFewClosedTicketsGiveNoEstimate() {
        #expect(DueEstimator.fit(history(DueEstimator.minimumSamples - 1)) == nil)
    }

    @Test func learnsPriorityAndCategoryAndReportsItsError() throws {
        let estimator = try #require(DueEstimator.fit(history(120)))
        let at = Date(timeIntervalSince1970: 1_768_000_000)
        func hours(_ priority: String, _ category: String) -> Double {
            estimator.estimateHours(DueFeatures(category: category, priority: priority, textLength: 250, priorTickets: 1, createdAt: at))
        }
        #expect(hours("urgent", "shipping") < hours("normal", "shipping"))
        #expect(hours("normal", "shipping") < hours("low", "shipping"))
        #expect(hours("normal", "shipping") < hours("normal", "billing"))
        #expect(abs(hours("normal", "shipping") - 12) < 4)
        let mae = try #require(estimator.maeHours)
        #expect(mae < 10)
        #expect(estimator.samples == 120)
        // A category never seen falls back to the shared coefficient, never a crash or a negative time.
        #expect(hours("high", "unknown") >= 0)
    }
}
