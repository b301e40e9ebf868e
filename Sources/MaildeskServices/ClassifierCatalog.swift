import Foundation
import HelpdeskText
import MaildeskStore

/// The ticket classifier versions in the database: train and store a new one, load the newest.
public struct ClassifierCatalog: Sendable {
    public let database: MaildeskDatabase

    public init(database: MaildeskDatabase) { self.database = database }

    public struct Trained: Sendable {
        public var version: Int64
        public var report: ClassifierTraining.Report
        public var priorityReport: ClassifierTraining.Report?
    }

    public struct Loaded: Sendable {
        public var version: Int64
        public var classifier: TicketClassifier
    }

    public struct NoModel: Error, CustomStringConvertible {
        public var description: String { "no classifier model in the database (run `maildesk classify train`)" }
    }

    /// Trains on `examples` (and a priority model when `priorities` has at least two distinct labels),
    /// stores the result as a new version and returns it.
    public func train(_ examples: [LabeledText], priorities: [String]? = nil, threshold: Float = TicketClassifier.defaultThreshold,
                      options: ClassifierTraining.Options = .init(),
                      progress: ((Int, Int) -> Void)? = nil) throws -> Trained {
        let (model, report) = try ClassifierTraining.train(examples, options: options, progress: progress)
        var priorityModel: LinearTextModel?
        var priorityReport: ClassifierTraining.Report?
        if let priorities, priorities.count == examples.count, Set(priorities).count >= 2 {
            let labeled = zip(examples, priorities).map { LabeledText(text: $0.text, label: $1) }
            if let trained = try? ClassifierTraining.train(labeled, options: options) {
                (priorityModel, priorityReport) = (trained.model, trained.report)
            }
        }
        let classifier = TicketClassifier(category: model, priorityModel: priorityModel, threshold: threshold)
        struct Metrics: Encodable {
            var category: ClassifierTraining.Report
            var priority: ClassifierTraining.Report?
        }
        let metrics = String(decoding: try JSONEncoder().encode(Metrics(category: report, priority: priorityReport)), as: UTF8.self)
        let version = try database.write { db in
            try ClassifierModelStore.insert(db, kind: model.kind.rawValue, labels: model.labels,
                                            trainCount: examples.count, metrics: metrics, model: classifier.encode())
        }
        return Trained(version: version, report: report, priorityReport: priorityReport)
    }

    /// Tickets whose category agents set: the first customer entry's trimmed text and the category,
    /// with the ticket priorities (for a priority model when they vary).
    public func examplesFromTickets() throws -> (examples: [LabeledText], priorities: [String]) {
        let rows = try database.read { try ClassifierModelStore.labeledTickets($0) }
        return (rows.map { LabeledText(text: $0.text, label: $0.category) }, rows.map(\.priority))
    }

    public func latest() throws -> Loaded? {
        guard let stored = try database.read({ try ClassifierModelStore.latest($0) }) else { return nil }
        return Loaded(version: stored.version, classifier: try TicketClassifier(decoding: stored.model))
    }

    public func latestVersion() throws -> Int64? {
        try database.read { try ClassifierModelStore.latestVersion($0) }
    }
}
