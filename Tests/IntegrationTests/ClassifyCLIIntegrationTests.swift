import Foundation
import Testing

/// `maildesk classify train|predict|eval` through the built binary, as an admin runs them.
@Suite(.serialized) struct ClassifyCLIIntegrationTests {
    let cli = CLIIntegrationTests()

    static let csv = """
        utterance,category,note
        "I was charged twice, please refund my payment",billing,x
        refund the invoice amount,billing,x
        "my card payment failed, but I was charged",billing,x
        我的信用卡被扣款两次，请退款,billing,x
        返金してください。二重に請求されました,billing,x
        "wrong amount on my invoice, refund please",billing,x
        "where is my package? delivery is late",shipping,x
        the parcel has not arrived yet,shipping,x
        when will my order be shipped,shipping,x
        我的包裹还没有送到，快递在哪里,shipping,x
        荷物がまだ届きません。配送状況を教えてください,shipping,x
        "tracking shows no delivery for my parcel, ""lost""?",shipping,x
        "I cannot log in, reset my password",account,x
        change the password of my account,account,x
        my account is locked after login attempts,account,x
        我无法登录账户，请重置密码,account,x
        アカウントにログインできません,account,x
        "please delete my account, and my profile",account,x

        """

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    @Test func trainPredictAndEval() throws {
        let h = try PipelineHarness()
        let config = try cli.writeConfig(h)
        let file = h.state + "/tickets.csv"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)

        let empty = try cli.run(["classify", "predict", "refund my payment", "--json", "--config", config])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(try json(empty.stdout)["model_version"] is NSNull)

        let train = try cli.run(["classify", "train", "--csv", file, "--config", config])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.hasPrefix("model version 1: "), "\(train.stdout)")
        #expect(train.stdout.contains("CV macro-F1"))
        #expect(train.stderr.isEmpty, "no progress bar when stderr is not a terminal: \(train.stderr)")

        let predict = try cli.run(["classify", "predict", "URGENT!! I was charged twice, refund my payment", "--json", "--config", config])
        #expect(predict.status == 0, "\(predict.stderr)")
        let answer = try json(predict.stdout)
        #expect(Set(answer.keys) == ["category", "confidence", "priority", "model_version"])
        #expect(answer["category"] as? String == "billing")
        #expect(answer["priority"] as? String == "urgent")
        #expect(answer["model_version"] as? Int == 1)
        #expect((answer["confidence"] as? Double ?? 0) >= 0.5)

        let chinese = try cli.run(["classify", "predict", "包裹还没有送到", "--json", "--config", config])
        #expect(try json(chinese.stdout)["category"] as? String == "shipping")
        let unknown = try cli.run(["classify", "predict", "zzz", "--json", "--config", config])
        #expect(try json(unknown.stdout)["category"] is NSNull)

        let eval = try cli.run(["classify", "eval", "--train", file, "--test", file, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let figures = try json(eval.stdout)
        for key in ["model", "accuracy", "macro_f1", "train_seconds", "predict_seconds", "n_train", "n_test"] {
            #expect(figures.keys.contains(key), "missing \(key)")
        }
        #expect(figures["n_train"] as? Int == 18)
        #expect((figures["accuracy"] as? Double ?? 0) > 0.9)
    }

    @Test func missingFileOrColumnIsOneLineAndExit65() throws {
        let h = try PipelineHarness()
        let config = try cli.writeConfig(h)
        let file = h.state + "/tickets.csv"
        try Self.csv.write(toFile: file, atomically: true, encoding: .utf8)
        let column = try cli.run(["classify", "train", "--csv", file, "--label-column", "intent", "--config", config])
        #expect(column.status == 65)
        #expect(column.stderr.contains("no column \"intent\""))
        #expect(column.stderr.split(separator: "\n").count == 1)
        let missing = try cli.run(["classify", "eval", "--train", h.state + "/nope.csv", "--test", file])
        #expect(missing.status == 65)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let priority = try cli.run(["classify", "train", "--csv", file, "--priority-column", "note", "--config", config])
        #expect(priority.status == 65)
        #expect(priority.stderr.contains("priority \"x\" is not low, normal, high or urgent"), "\(priority.stderr)")
        let noTickets = try cli.run(["classify", "train", "--config", config])
        #expect(noTickets.status == 65)
        #expect(noTickets.stderr.contains("no tickets with a category"))
    }
}
