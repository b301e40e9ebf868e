import Foundation
import HelpdeskInsight
import Testing

/// The HTML report: self-contained, its charts present, every database text escaped.
@Suite struct HTMLReportTests {
    static func report(subject: String = "<script>alert('x')</script> & \"more\"") -> HTMLReport {
        let stats = InsightStats.compute(InsightStatsTests.history(), since: InsightStatsTests.base,
                                         now: InsightStatsTests.at(hours: 60), backlog: .init(open: 1, pending: 1, answered: 0))
        var current = EmergingTopicsTests.documents([("password", EmergingTopicsTests.password),
                                                     ("invoice", EmergingTopicsTests.invoice),
                                                     ("shipping", EmergingTopicsTests.shipping)])
        current[7].subject = subject
        let topics = EmergingTopics.find(current: current, previous: [])
        let resolution = InsightStatsTests.history().compactMap(\.resolutionSeconds)
        return HTMLReport(stats: stats, resolutionSeconds: resolution, topics: topics, topicDays: 7,
                          topicStart: EmergingTopicsTests.start)
    }

    @Test func containsTheChartsAndTopics() {
        let html = Self.report().render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 4 + 3, "four charts and a bar pair per topic")
        for heading in ["Volume over time", "Resolution time", "Category mix", "Load per agent", "Emerging topics"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "no \(heading)")
        }
        #expect(html.contains("Rising topic"))
        #expect(html.contains("new tickets") && html.contains("backlog at end of day"), "legend")
        #expect(html.contains("day (UTC)") && html.contains("time to close"), "axis labels")
        #expect(html.contains("billing") && html.contains("bob"))
        #expect(html.contains("Due-estimate error"))
    }

    @Test func escapesUntrustedSubjectsAndLoadsNothing() {
        let html = Self.report().render()
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"))
        #expect(html.contains("Content-Security-Policy"))
        for reference in ["src=", "href=", "url(", "@import", "https://"] {
            #expect(!html.contains(reference), "external reference \(reference)")
        }
        // The only "http:" is the SVG namespace name, which is never fetched.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http:") == false)
    }

    @Test func longPeriodsAreChartedPerWeek() {
        let since = InsightStatsTests.base.addingTimeInterval(-199 * 86_400)
        let stats = InsightStats.compute(InsightStatsTests.history(), since: since, now: InsightStatsTests.at(hours: 12),
                                         backlog: .init(open: 0, pending: 0, answered: 0))
        #expect(stats.volumePerDay.count == 200)
        let html = HTMLReport(stats: stats, resolutionSeconds: [], topics: [], topicDays: 7, topicStart: since).render()
        #expect(html.contains("New tickets per week") && html.contains("week (UTC)"))
        #expect(html.contains("week of 2026-10-30: 11 new"), "the last week (10-30 to 11-02) holds tickets 1–10 and 12")
    }

    @Test func escapeHandlesEveryMarkupCharacter() {
        #expect(HTMLEscape.text("a<b>&\"'\u{0}c\n") == "a&lt;b&gt;&amp;&quot;&#39;c\n")
    }

    @Test func emptyPeriodStillRenders() {
        let empty = InsightStats.compute([], since: InsightStatsTests.base, now: InsightStatsTests.at(hours: 2),
                                         backlog: .init(open: 0, pending: 0, answered: 0))
        let html = HTMLReport(stats: empty, resolutionSeconds: [], topics: [], topicDays: 7,
                              topicStart: InsightStatsTests.base).render()
        #expect(html.contains("No tickets in this period."))
        #expect(html.hasSuffix("</html>\n"))
    }
}

/// The SVG building blocks: round axis ticks, escaped labels, one mark per value.
@Suite struct SVGChartsTests {
    @Test func columnsHaveOneBarPerValueAndEscapedLabels() {
        let columns = (0..<5).map { SVGCharts.Column(label: "d<\($0)>", value: Double($0), tooltip: "t&\($0)") }
        let svg = SVGCharts.columns(columns, series: .init("new", color: "#000"), title: "T <1>", xLabel: "x", yLabel: "y")
        #expect(svg.components(separatedBy: "<rect").count - 1 == 5)
        #expect(svg.contains("d&lt;0&gt;") && svg.contains("t&amp;4") && svg.contains("<title>T &lt;1&gt;</title>"))
        #expect(!svg.contains("d<"))
        // Peak 4 → ticks 0, 1, 2, 3, 4.
        for tick in 0...4 { #expect(svg.contains(">\(tick)</text>")) }
    }

    @Test func rowsStackTheirSeriesAndShowTheTotal() {
        let svg = SVGCharts.rows([SVGCharts.Row(label: "alice", values: [2, 3], note: "n")],
                                 series: [.init("open", color: "#f00"), .init("closed", color: "#00f")], title: "T", xLabel: "x")
        #expect(svg.contains("fill=\"#f00\"") && svg.contains("fill=\"#00f\""))
        #expect(svg.contains("class=\"value\">5</text>"))
        #expect(svg.contains(">open</text>") && svg.contains(">closed</text>"), "legend")
    }
}
