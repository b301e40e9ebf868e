/// Figures of a KB evaluation (`kb eval`): one outcome per query.
///
/// precision = correct answers / answers given; coverage = answerable queries answered / answerable
/// queries; out_of_scope_answered = unanswerable queries answered / unanswerable queries.
public struct KBEvaluation: Sendable, Equatable {
    public struct Outcome: Sendable {
        /// The article that should answer it; nil when the KB cannot answer the query.
        public var expected: String?
        /// The top result and its confidence (nil when nothing matched).
        public var top: String?
        public var confidence: Double
        public init(expected: String?, top: String?, confidence: Double) {
            self.expected = expected
            self.top = top
            self.confidence = confidence
        }
    }

    public var queries: Int
    public var answered: Int
    public var correct: Int
    public var precision: Double
    public var coverage: Double
    public var outOfScopeAnswered: Double
    public var threshold: Double

    public init(_ outcomes: [Outcome], threshold: Double) {
        let given = outcomes.filter { $0.top != nil && $0.confidence >= threshold }
        let answerable = outcomes.filter { $0.expected != nil }
        let outOfScope = outcomes.count - answerable.count
        queries = outcomes.count
        answered = given.count
        correct = given.filter { $0.top == $0.expected }.count
        precision = given.isEmpty ? 1 : Double(correct) / Double(given.count)
        let answerableAnswered = given.filter { $0.expected != nil }.count
        coverage = answerable.isEmpty ? 0 : Double(answerableAnswered) / Double(answerable.count)
        let oosAnswered = given.filter { $0.expected == nil }.count
        outOfScopeAnswered = outOfScope == 0 ? 0 : Double(oosAnswered) / Double(outOfScope)
        self.threshold = threshold
    }

    /// The lowest threshold (on a 0.01 grid) whose answers reach `precision` with at most
    /// `outOfScope` of the unanswerable queries answered and at least `coverage` of the answerable
    /// ones; nil when none does.
    public static func threshold(for outcomes: [Outcome], precision target: Double = 0.95, outOfScope limit: Double = 0.02,
                                 coverage minimum: Double = 0.5) -> Double? {
        for step in 1...99 {
            let t = Double(step) / 100
            let e = KBEvaluation(outcomes, threshold: t)
            if e.precision >= target && e.outOfScopeAnswered <= limit && e.coverage >= minimum { return t }
        }
        return nil
    }
}
