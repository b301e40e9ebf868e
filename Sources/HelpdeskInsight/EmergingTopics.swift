import Foundation

/// One ticket as topic detection sees it: the trimmed text of its first customer entry.
public struct TopicDocument: Sendable, Equatable {
    public var ticketID: Int64
    public var subject: String
    public var text: String
    public var createdAt: Date

    public init(ticketID: Int64, subject: String, text: String, createdAt: Date) {
        self.ticketID = ticketID
        self.subject = subject
        self.text = text
        self.createdAt = createdAt
    }

    /// The text that is clustered: the customer's words, or the subject when they carry no term.
    var clusteredText: String {
        TopicVectorizer.terms(text).isEmpty ? subject : text
    }
}

/// A cluster of this period's tickets, named by its top terms, with its growth against the previous
/// period.
public struct EmergingTopic: Sendable, Equatable {
    /// The heaviest terms of the centroid, heaviest first.
    public var terms: [String]
    /// Oldest first.
    public var tickets: [TopicDocument]
    /// Tickets of the previous period nearest to this cluster's centroid.
    public var previous: Int

    public var current: Int { tickets.count }
    public var growth: Int { current - previous }
    public var name: String { terms.joined(separator: " · ") }
}

/// Emerging topics: this period's tickets clustered (``SphericalKMeans`` over ``TopicVectorizer``,
/// k from 2 to min(8, √(n/2)) by silhouette), each previous-period ticket counted for the cluster whose centroid it
/// is most similar to (when it shares any term with one), sorted by growth (then size): the first
/// topic is the one rising most.
public enum EmergingTopics {
    public static func find(current: [TopicDocument], previous: [TopicDocument], maxClusters: Int = 8,
                            termsPerTopic: Int = 3, kmeans: SphericalKMeans = SphericalKMeans()) -> [EmergingTopic] {
        let docs = current.sorted { ($0.createdAt, $0.ticketID) < ($1.createdAt, $1.ticketID) }
        let vectorizer = TopicVectorizer(documents: docs.map(\.clusteredText))
        let vectors = docs.map { vectorizer.vector($0.clusteredText) }
        let usable = vectors.indices.filter { !vectors[$0].isEmpty }
        guard !usable.isEmpty else { return [] }
        // k at most √(n/2), the rule of thumb of Mardia, Kent & Bibby ("Multivariate Analysis", 1979):
        // the silhouette alone favours many tiny clusters when tickets repeat a template word for word.
        let ruleOfThumb = Int((Double(usable.count) / 2).squareRoot().rounded())
        let clustering = kmeans.best(usable.map { vectors[$0] }, dimension: vectorizer.dimension,
                                     ks: 2...max(2, min(maxClusters, ruleOfThumb)))
        var members = [[TopicDocument]](repeating: [], count: clustering.centroids.count)
        for (position, doc) in usable.enumerated() { members[clustering.assignment[position]].append(docs[doc]) }
        var earlier = [Int](repeating: 0, count: clustering.centroids.count)
        for doc in previous {
            let v = vectorizer.vector(doc.clusteredText)
            guard !v.isEmpty else { continue }
            let nearest = SphericalKMeans.nearest(v, clustering.centroids)
            if nearest.similarity > 0 { earlier[nearest.index] += 1 }
        }
        let topics = clustering.centroids.indices.compactMap { c -> EmergingTopic? in
            guard !members[c].isEmpty else { return nil }
            return EmergingTopic(terms: topTerms(clustering.centroids[c], vectorizer.display, count: termsPerTopic),
                                 tickets: members[c], previous: earlier[c])
        }
        return topics.sorted { a, b in
            if a.growth != b.growth { return a.growth > b.growth }
            if a.current != b.current { return a.current > b.current }
            return a.name < b.name
        }
    }

    /// The heaviest centroid terms, skipping one that is part of a CJK term already taken
    /// (or containing one), and a single CJK character when a heavy bigram contains it (`发票` rather than `发`, `票`).
    static func topTerms(_ centroid: [Double], _ terms: [String], count: Int) -> [String] {
        let ranked = centroid.indices.filter { centroid[$0] > 0 }
            .sorted { centroid[$0] != centroid[$1] ? centroid[$0] > centroid[$1] : terms[$0].count > terms[$1].count }
            .map { terms[$0] }
        let head = ranked.prefix(count * 4)
        var chosen: [String] = []
        for term in ranked where chosen.count < count {
            let cjk = !term.unicodeScalars.first!.isASCII && !term.contains(where: { $0.isLetter && $0.isASCII })
            if cjk, chosen.contains(where: { $0.contains(term) || term.contains($0) }) { continue }
            if cjk, term.unicodeScalars.count == 1, head.contains(where: { $0 != term && $0.contains(term) }) { continue }
            chosen.append(term)
        }
        return chosen
    }
}
