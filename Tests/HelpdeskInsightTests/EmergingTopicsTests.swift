import Foundation
import HelpdeskInsight
import Testing

/// Clustering a crafted week of tickets about three topics, in English and Chinese.
@Suite struct EmergingTopicsTests {
    static let password = [
        "I forgot my password and the reset link does not work",
        "Password reset email never arrives, I cannot log in",
        "How do I reset my password? The login page says invalid password",
        "我忘记了密码，password reset 链接无效",
        "重置密码的邮件收不到，无法登录，密码 reset",
        "reset password please, locked out of my login",
    ]
    static let invoice = [
        "请给我开发票，公司抬头已经填写",
        "发票金额不对，需要重新开发票",
        "I need an invoice 发票 for my order for the company",
        "我还没有收到发票，发票什么时候寄出",
        "Invoice 发票 has the wrong company name",
        "电子发票在哪里下载，发票",
    ]
    static let shipping = [
        "My package shipping is delayed, the parcel has not arrived",
        "Shipping delay: tracking shows no update for a week",
        "Where is my parcel? Shipping takes too long, delayed again",
        "The delivery is late, shipping status still delayed",
        "parcel shipped but delayed in transit, shipping delay",
        "我的快递 shipping delayed 包裹还没到",
    ]

    static let start = Date(timeIntervalSince1970: 1_793_577_600)

    static func documents(_ groups: [(String, [String])], firstID: Int64 = 1, start: Date = start) -> [TopicDocument] {
        var id = firstID
        var docs: [TopicDocument] = []
        for (name, texts) in groups {
            for text in texts {
                docs.append(TopicDocument(ticketID: id, subject: "\(name) \(id)", text: text,
                                          createdAt: start.addingTimeInterval(Double(id) * 600)))
                id += 1
            }
        }
        return docs
    }

    func topic(of ticket: Int64) -> String {
        ticket <= 6 ? "password" : (ticket <= 12 ? "invoice" : "shipping")
    }

    @Test func threeTopicsBecomeThreeClusters() {
        let current = Self.documents([("password", Self.password), ("invoice", Self.invoice), ("shipping", Self.shipping)])
        let topics = EmergingTopics.find(current: current, previous: [])
        #expect(topics.count == 3, "\(topics.map(\.name))")
        for topic in topics {
            #expect(Set(topic.tickets.map { self.topic(of: $0.ticketID) }).count == 1, "mixed cluster \(topic.name): \(topic.tickets.map(\.ticketID))")
            #expect(topic.current == 6)
        }
        let names = topics.map(\.name).joined(separator: " | ")
        #expect(names.contains("password"), "\(names)")
        #expect(names.contains("发票"), "\(names)")
        #expect(names.contains("shipping"), "\(names)")
        #expect(!topics.contains { $0.terms.contains("发") || $0.terms.contains("票") }, "\(names)")
    }

    @Test func sortedByGrowthAgainstThePreviousPeriod() {
        let current = Self.documents([("password", Self.password), ("invoice", Self.invoice), ("shipping", Self.shipping)])
        let before = Self.start.addingTimeInterval(-7 * 86_400)
        let previous = Self.documents([("password", Array(Self.password.prefix(4))), ("shipping", Self.shipping),
                                       ("other", ["zzz qqq"])], firstID: 100, start: before)
        let topics = EmergingTopics.find(current: current, previous: previous)
        #expect(topics.count == 3)
        #expect(topics.map { self.topic(of: $0.tickets[0].ticketID) } == ["invoice", "password", "shipping"])
        #expect(topics.map(\.previous) == [0, 4, 6])
        #expect(topics.map(\.growth) == [6, 2, 0])
        #expect(topics[0].terms.first == "发票", "\(topics[0].terms)")
    }

    @Test func deterministicAndSmallInputs() {
        let current = Self.documents([("shipping", Self.shipping), ("password", Self.password), ("invoice", Self.invoice)])
        #expect(EmergingTopics.find(current: current, previous: []) == EmergingTopics.find(current: current, previous: []))
        #expect(EmergingTopics.find(current: [], previous: current).isEmpty)
        let one = EmergingTopics.find(current: Array(current.prefix(1)), previous: [])
        #expect(one.count == 1)
        #expect(one[0].current == 1)
    }

    @Test func vectorizerFoldsPluralsAndDropsFunctionWords() {
        #expect(TopicVectorizer.terms("The invoices, please!") == TopicVectorizer.terms("invoice"))
        #expect(TopicVectorizer.terms("shipped shipping ships delayed delays") == ["ship", "ship", "ship", "delay", "delay"])
        #expect(TopicVectorizer.terms("arrived arrives arrive") == ["arriv", "arriv", "arriv"])
        #expect(TopicVectorizer.terms("resetting reset login") == ["reset", "reset", "login"])
        let vectorizer = TopicVectorizer(documents: ["parcel delayed", "delayed again", "it delays"])
        #expect(vectorizer.display[vectorizer.terms.firstIndex(of: "delay")!] == "delayed")
        #expect(TopicVectorizer.terms("我的发票").contains("发票"))
        #expect(!TopicVectorizer.terms("我的发票").contains("的"))
        #expect(!TopicVectorizer.terms("order 123456 https://x.example/a").contains { $0.contains("http") || $0.contains("<") })
    }
}
