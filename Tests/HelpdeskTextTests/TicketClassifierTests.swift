import HelpdeskText
import Testing

/// Three categories, English, Chinese and Japanese tickets.
enum CraftedTickets {
    static let examples: [LabeledText] = [
        ("I was charged twice on my credit card", "billing"), ("please refund the payment for my invoice", "billing"),
        ("the invoice amount is wrong, refund me", "billing"), ("my card was charged but the payment failed", "billing"),
        ("我的信用卡被扣款两次，请退款", "billing"), ("发票金额不对，我要退款", "billing"),
        ("クレジットカードで二重に請求されました。返金してください", "billing"), ("請求書の金額が間違っています。返金をお願いします", "billing"),
        ("where is my package, the delivery is late", "shipping"), ("the parcel has not arrived, tracking shows nothing", "shipping"),
        ("when will my order be shipped", "shipping"), ("the courier lost my package during delivery", "shipping"),
        ("我的包裹还没有送到，快递在哪里", "shipping"), ("订单什么时候发货？物流没有更新", "shipping"),
        ("荷物がまだ届きません。配送状況を教えてください", "shipping"), ("注文した商品の発送はいつですか。配送が遅れています", "shipping"),
        ("I cannot log in to my account, reset my password", "account"), ("how do I change the password of my account", "account"),
        ("my account is locked after too many login attempts", "account"), ("please delete my account and profile", "account"),
        ("我无法登录账户，请重置密码", "account"), ("怎么修改账户密码", "account"),
        ("アカウントにログインできません。パスワードをリセットしてください", "account"), ("アカウントのパスワードを変更したいです", "account"),
    ].map { LabeledText(text: $0.0, label: $0.1) }

    static var options: ClassifierTraining.Options {
        var options = ClassifierTraining.Options()
        options.folds = 3
        return options
    }
}

@Suite struct TicketClassifierTests {
    static let trained = try! ClassifierTraining.train(CraftedTickets.examples, options: CraftedTickets.options)

    @Test(arguments: [
        ("I want a refund, you charged my card twice", "billing"),
        ("请给我退款，扣款两次了", "billing"),
        ("返金をお願いします。二重に請求されています", "billing"),
        ("my package has not arrived yet, where is the delivery", "shipping"),
        ("包裹什么时候送到？快递太慢", "shipping"),
        ("荷物が届きません", "shipping"),
        ("I forgot my password and cannot log in", "account"),
        ("账户登录不了，密码错误", "account"),
        ("ログインできません。パスワードを忘れました", "account"),
    ])
    func predictsTheRightCategory(_ text: String, _ expected: String) {
        let classifier = TicketClassifier(category: Self.trained.model, threshold: 0.4)
        let prediction = classifier.predict(text)
        #expect(prediction.bestGuess == expected, "\(text): \(prediction)")
        #expect(prediction.category == expected, "\(text): \(prediction)")
    }

    @Test func staysUnclassifiedBelowTheThreshold() {
        let classifier = TicketClassifier(category: Self.trained.model, threshold: 0.9)
        let vague = classifier.predict("hello there")
        #expect(vague.category == nil)
        #expect(vague.confidence < 0.9)
        #expect(!vague.bestGuess.isEmpty)
        // Text without a single known feature is the prior: never confident with three balanced labels.
        let unknown = TicketClassifier(category: Self.trained.model, threshold: 0.5).predict("zzz qqq")
        #expect(unknown.category == nil)
    }

    @Test func reportsCrossValidationForBothKindsAndIsDeterministic() throws {
        let report = Self.trained.report
        #expect(Set(report.crossValidation.keys) == ["naive_bayes", "logistic_regression"])
        #expect(report.labels == ["account", "billing", "shipping"])
        #expect(report.trainCount == 24)
        #expect(report.temperature > 0)
        let again = try ClassifierTraining.train(CraftedTickets.examples, options: CraftedTickets.options)
        #expect(again.model.weights == Self.trained.model.weights)
        #expect(again.report.kind == report.kind)
    }

    @Test func probabilitiesAreADistribution() {
        let p = Self.trained.model.probabilities("refund my invoice")
        #expect(p.count == 3)
        #expect(abs(p.reduce(0, +) - 1) < 1e-4)
    }

    @Test func serialisesAndReadsBackTheSamePredictions() throws {
        let classifier = TicketClassifier(category: Self.trained.model, threshold: 0.55)
        let bytes = classifier.encode()
        #expect(Array(bytes.prefix(4)) == Array("MDCL".utf8))
        let decoded = try TicketClassifier(decoding: bytes)
        #expect(decoded.threshold == 0.55)
        #expect(decoded.category.kind == classifier.category.kind)
        #expect(decoded.category.vocabulary.hashing == classifier.category.vocabulary.hashing)
        for example in CraftedTickets.examples {
            #expect(decoded.predict(example.text) == classifier.predict(example.text))
        }
        #expect(throws: TicketClassifier.DecodingError.self) { try TicketClassifier(decoding: Array(bytes.prefix(40))) }
        #expect(throws: TicketClassifier.DecodingError.self) { try TicketClassifier(decoding: Array("nope".utf8)) }
    }

    @Test func misspeltWordsShareCharacterTrigrams() {
        let right = Set(FeatureHashing().counts("newsletter").map(\.bucket))
        let typo = Set(FeatureHashing().counts("newsletterr").map(\.bucket))
        // <ne new ews wsl sle let ett tte ter: 9 of the 10 trigrams of `newsletter` are in the typo.
        #expect(right.intersection(typo).count == 9)
        let plain = Set(FeatureHashing(characterTrigrams: false).counts("newsletterr").map(\.bucket))
        #expect(plain.isDisjoint(with: right))
        #expect(TicketClassifier(category: Self.trained.model, threshold: 0.4).predict("refundd my paymentt").bestGuess == "billing")
    }

    @Test func needsTwoLabels() {
        let one = CraftedTickets.examples.map { LabeledText(text: $0.text, label: "x") }
        #expect(throws: ClassifierTraining.Failure.self) { try ClassifierTraining.train(one) }
    }

    @Test func macroF1AveragesPerLabel() {
        let m = ClassificationMetrics(truth: ["a", "a", "b", "b"], predicted: ["a", "b", "b", "b"])
        #expect(m.accuracy == 0.75)
        // F1(a) = 2/3, F1(b) = 4/5.
        #expect(abs(m.macroF1 - (2.0 / 3 + 0.8) / 2) < 1e-9)
    }
}

@Suite struct PriorityCuesTests {
    @Test(arguments: [
        ("URGENT: our shop is down!", Priority.urgent),
        ("please help asap, payment not working!!", .urgent),
        ("this is urgent", .high),
        ("The site is down!", .high),
        ("紧急！网站打不开", .urgent),
        ("至急対応をお願いします", .high),
        ("how do I change my address", .normal),
        ("no rush, whenever you have time", .low),
        ("this is not urgent", .low),
        ("不急，有空再回复", .low),
    ])
    func mapsCuesToPriority(_ text: String, _ expected: Priority) {
        #expect(PriorityCues.priority(text) == expected, "\(text): \(PriorityCues.score(text))")
    }

    @Test func predictionCarriesThePriority() {
        let classifier = TicketClassifier(category: TicketClassifierTests.trained.model)
        #expect(classifier.predict("URGENT!! refund my card payment").priority == .urgent)
    }
}
