import Foundation
import GRDB
import HelpdeskText
import MaildeskServices
import MaildeskStore
import Testing

/// The classifier in the database: versions, the round trip of the model bytes, training data from
/// categorised tickets, and new tickets classified on ingest.
@Suite struct ClassifierStoreTests {
    static let examples: [LabeledText] = [
        ("I was charged twice, please refund my payment", "billing"), ("refund the invoice amount", "billing"),
        ("my card payment failed but I was charged", "billing"), ("我的信用卡被扣款两次，请退款", "billing"),
        ("返金してください。二重に請求されました", "billing"), ("wrong amount on my invoice, refund please", "billing"),
        ("where is my package, delivery is late", "shipping"), ("the parcel has not arrived yet", "shipping"),
        ("when will my order be shipped", "shipping"), ("我的包裹还没有送到，快递在哪里", "shipping"),
        ("荷物がまだ届きません。配送状況を教えてください", "shipping"), ("tracking shows no delivery for my parcel", "shipping"),
    ].map { LabeledText(text: $0.0, label: $0.1) }

    static var options: ClassifierTraining.Options {
        var options = ClassifierTraining.Options()
        options.folds = 2
        return options
    }

    @Test func storesVersionsAndLoadsTheNewestWithTheSamePredictions() throws {
        let database = try MaildeskDatabase(path: try TestSupport.temporaryDirectory() + "/db.sqlite")
        let catalog = ClassifierCatalog(database: database)
        #expect(try catalog.latest() == nil)
        let first = try catalog.train(Self.examples, threshold: 0.3, options: Self.options)
        let second = try catalog.train(Self.examples, threshold: 0.45, options: Self.options)
        #expect(second.version == first.version + 1)
        #expect(try catalog.latestVersion() == second.version)
        let loaded = try #require(try catalog.latest())
        #expect(loaded.version == second.version)
        #expect(loaded.classifier.threshold == 0.45)
        let (model, _) = try ClassifierTraining.train(Self.examples, options: Self.options)
        let direct = TicketClassifier(category: model, threshold: 0.45)
        for text in Self.examples.map(\.text) + ["refund my money", "包裹在哪里", "配送が遅い"] {
            #expect(loaded.classifier.predict(text) == direct.predict(text), "\(text)")
        }
        let row = try #require(try database.read { try Row.fetchOne($0, sql: "SELECT * FROM classifier_model WHERE version = ?", arguments: [first.version]) })
        #expect(row["labels"] as String == "[\"billing\",\"shipping\"]")
        #expect(row["n_train"] as Int == 12)
        #expect((row["metrics"] as String).contains("\"cross_validation\""))
    }

    @Test func priorityLabelsTrainAPriorityModelThatRaisesTheCue() throws {
        let database = try MaildeskDatabase(path: try TestSupport.temporaryDirectory() + "/db.sqlite")
        let catalog = ClassifierCatalog(database: database)
        let priorities = Self.examples.map { $0.label == "billing" ? "high" : "normal" }
        let trained = try catalog.train(Self.examples, priorities: priorities, threshold: 0.5, options: Self.options)
        #expect(trained.priorityReport?.labels == ["high", "normal"])
        let loaded = try #require(try catalog.latest())
        #expect(loaded.classifier.priorityModel != nil)
        #expect(loaded.classifier.predict("please refund my invoice payment").priority == .high)
        #expect(loaded.classifier.predict("where is my parcel delivery").priority == .normal)
        // The same priority everywhere teaches nothing: no priority model.
        let flat = try catalog.train(Self.examples, priorities: Self.examples.map { _ in "normal" }, options: Self.options)
        #expect(flat.priorityReport == nil)
    }

    @Test func trainingDataIsTheFirstCustomerEntryOfCategorisedTickets() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Refund", messageID: "c1@customer.test",
                                                         body: "  Please refund my order.  \n"))
        _ = try await app.ingestMessage(TestSupport.mail(from: "bo@customer.test", subject: "Where", messageID: "c2@customer.test",
                                                         body: "Where is my parcel?"))
        try await app.database.writer.write { db in
            try db.execute(sql: "UPDATE ticket SET category = 'billing', priority = 'high' WHERE id = 1")
        }
        let (examples, priorities) = try ClassifierCatalog(database: app.database).examplesFromTickets()
        #expect(examples == [LabeledText(text: "Please refund my order.", label: "billing")])
        #expect(priorities == ["high"])
    }

    @Test func newTicketsGetTheCategoryOfTheNewestModelWhenConfident() async throws {
        let state = try TestSupport.temporaryDirectory()
        let app = try TestSupport.app(state: state)
        _ = try await app.ingestMessage(TestSupport.mail(from: "ana@customer.test", subject: "Hi", messageID: "d1@customer.test",
                                                         body: "I was charged twice, please refund my payment"))
        _ = try ClassifierCatalog(database: app.database).train(Self.examples, threshold: 0.5, options: Self.options)
        _ = try await app.ingestMessage(TestSupport.mail(from: "bo@customer.test", subject: "Hi", messageID: "d2@customer.test",
                                                         body: "URGENT!! I was charged twice, refund my payment"))
        _ = try await app.ingestMessage(TestSupport.mail(from: "cy@customer.test", subject: "Hi", messageID: "d3@customer.test",
                                                         body: "hello"))
        let rows = try await app.database.writer.read {
            try Row.fetchAll($0, sql: "SELECT category, priority FROM ticket ORDER BY id")
        }
        #expect(rows.map { $0["category"] as String? } == [nil, "billing", nil])
        #expect(rows.map { $0["priority"] as String } == ["normal", "urgent", "normal"])
        #expect(app.classifier.version == 1)
    }
}
