import Foundation

/// `maildesk report --html FILE`: one self-contained HTML document — inline CSS and SVG, no script, no
/// external resource (a Content-Security-Policy of `default-src 'none'` makes sure) — with the stats
/// figures, charts and emerging topics. Every text from the database is escaped (``HTMLEscape``).
public struct HTMLReport: Sendable {
    public var stats: StatsReport
    /// Resolution time of each ticket closed in the period.
    public var resolutionSeconds: [Double]
    public var topics: [EmergingTopic]
    /// Length of the topic window and its start (the previous window is as long, just before it).
    public var topicDays: Int
    public var topicStart: Date
    /// Tickets of the topic window that share no term with any other (in no topic).
    public var unclustered: Int
    public var title: String

    public init(stats: StatsReport, resolutionSeconds: [Double], topics: [EmergingTopic], topicDays: Int,
                topicStart: Date, unclustered: Int = 0, title: String = "maildesk report") {
        self.unclustered = unclustered
        self.stats = stats
        self.resolutionSeconds = resolutionSeconds
        self.topics = topics
        self.topicDays = topicDays
        self.topicStart = topicStart
        self.title = title
    }

    static let blue = "#3b6fb6", lightBlue = "#a9c3e8", orange = "#e07b28", grey = "#c9ced6"

    /// Histogram buckets of resolution time: upper bound in seconds, label.
    static let resolutionBuckets: [(Double, String)] = [
        (3_600, "< 1 h"), (4 * 3_600, "1–4 h"), (8 * 3_600, "4–8 h"), (86_400, "8–24 h"), (2 * 86_400, "1–2 d"),
        (4 * 86_400, "2–4 d"), (7 * 86_400, "4–7 d"), (.infinity, "> 7 d"),
    ]

    public func render() -> String {
        let e = HTMLEscape.text
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header><h1>\(e(title))</h1>
            <p class="period">Tickets created from \(RFC3339.day(stats.since)) to \(RFC3339.day(stats.generatedAt)) · generated \(RFC3339.string(stats.generatedAt))</p></header>

            """
        html += figures()
        html += topicSection()
        html += section("Volume over time", "New tickets per UTC day (per week over more than 120 days), and the backlog "
                        + "(open, pending or answered) at the end of each.", volumeChart())
        html += section("Resolution time", "Time from a ticket's creation to its close, for tickets closed now (\(stats.resolution.tickets)).", resolutionChart())
        html += section("Category mix", "New tickets per category in the period, split by whether they are closed now.",
                        groupChart(stats.perCategory, none: "(no category)", title: "Tickets per category"))
        html += section("Load per agent", "New tickets per assignee in the period, split by whether they are closed now.",
                        groupChart(stats.perAgent, none: "(unassigned)", title: "Tickets per agent"))
        html += "<footer>Definitions: maildesk docs/admin-guide.md, section “Statistics and report”. The due-estimate error is measured on the newest 20% of closed tickets.</footer>\n</body>\n</html>\n"
        return html
    }

    func figures() -> String {
        let s = stats, a = s.autoAnswer
        let cards: [(String, String, String)] = [
            ("New tickets", "\(s.tickets)", "\(s.volumePerDay.count) days"),
            ("Backlog now", "\(s.backlog.total)", "open \(s.backlog.open) · pending \(s.backlog.pending) · answered \(s.backlog.answered)"),
            ("First response", DurationText.format(s.firstResponse.medianSeconds), "median · p90 \(DurationText.format(s.firstResponse.p90Seconds))"),
            ("Resolution", DurationText.format(s.resolution.medianSeconds), "median · p90 \(DurationText.format(s.resolution.p90Seconds))"),
            ("Auto-answer rate", DurationText.percent(a.rate), "\(a.answered) of \(s.tickets) tickets"),
            ("Auto-answer precision", DurationText.percent(a.precision), "\(a.answered - a.reopened) of \(a.answered) not reopened"),
            ("Due-estimate error", s.dueEstimateMaeHours.map { String(format: "%.1f h", $0) } ?? "–",
             s.dueEstimateMaeHours == nil ? "needs \(DueEstimator.minimumSamples) closed tickets" : "mean absolute error"),
        ]
        return "<section class=\"figures\">\n" + cards.map { label, value, note in
            "<div class=\"card\"><div class=\"label\">\(HTMLEscape.text(label))</div><div class=\"value\">\(HTMLEscape.text(value))</div>"
                + "<div class=\"note\">\(HTMLEscape.text(note))</div></div>"
        }.joined(separator: "\n") + "\n</section>\n"
    }

    func topicSection() -> String {
        let e = HTMLEscape.text
        let end = topicStart.addingTimeInterval(Double(topicDays) * 86_400)
        var html = "<section><h2>Emerging topics</h2>\n<p class=\"explain\">Tickets of the last \(topicDays) days "
            + "(\(RFC3339.day(topicStart)) to \(RFC3339.day(end))) grouped by the words of their first customer mail; "
            + "growth counts against the \(topicDays) days before, by the nearest topic. Sorted by growth.</p>\n"
        guard !topics.isEmpty else {
            let why = unclustered > 0 ? "\(unclustered) ticket(s), but no two share a word: no topic." : "No tickets in this period."
            return html + "<p class=\"empty\">\(why)</p></section>\n"
        }
        let peak = Double(topics.map { max($0.current, $0.previous) }.max() ?? 1)
        for (i, topic) in topics.enumerated() {
            let rising = i == 0 && topic.growth > 0
            let sign = topic.growth > 0 ? "+" : (topic.growth < 0 ? "−" : "±")
            html += "<article class=\"topic\(rising ? " rising" : "")\">"
            if rising { html += "<span class=\"badge\">Rising topic</span>" }
            html += "<h3>\(e(topic.name.isEmpty ? "(no terms)" : topic.name))</h3>\n"
            html += "<p class=\"counts\"><strong>\(topic.current)</strong> ticket\(topic.current == 1 ? "" : "s") · previous \(topicDays) days: \(topic.previous) · "
                + "<span class=\"growth\(topic.growth > 0 ? " up" : "")\">\(sign)\(abs(topic.growth))</span></p>\n"
            html += pairBars(previous: Double(topic.previous), current: Double(topic.current), peak: peak)
            html += "<ul>" + topic.tickets.reversed().prefix(5).map { "<li><span class=\"id\">#\($0.ticketID)</span> \(e($0.subject))</li>" }.joined()
            if topic.tickets.count > 5 { html += "<li class=\"more\">and \(topic.tickets.count - 5) more</li>" }
            html += "</ul></article>\n"
        }
        let grouped = topics.reduce(0) { $0 + $1.current }
        if unclustered > 0 {
            html += "<p class=\"more\">\(grouped) ticket\(grouped == 1 ? " is" : "s are") in a topic; \(unclustered) more "
                + "share\(unclustered == 1 ? "s" : "") no word with any other ticket of these \(topicDays) days.</p>\n"
        }
        return html + "</section>\n"
    }

    /// Two small bars: the previous period (grey) and this one (orange when rising).
    func pairBars(previous: Double, current: Double, peak: Double) -> String {
        let w = 260.0, scale = peak > 0 ? (w - 90) / peak : 0
        let color = current > previous ? Self.orange : Self.blue
        func n(_ v: Double) -> String { SVGNumber.format(v) }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(w)) 40\" width=\"\(n(w))\" height=\"40\" role=\"img\" class=\"pair\">"
            + "<title>previous \(Int(previous)), now \(Int(current))</title>"
            + "<text x=\"0\" y=\"14\" class=\"tick\">before</text><rect x=\"50\" y=\"4\" width=\"\(n(max(previous * scale, 1)))\" height=\"13\" fill=\"\(Self.grey)\"/>"
            + "<text x=\"\(n(56 + previous * scale))\" y=\"14\" class=\"tick\">\(Int(previous))</text>"
            + "<text x=\"0\" y=\"34\" class=\"tick\">now</text><rect x=\"50\" y=\"24\" width=\"\(n(max(current * scale, 1)))\" height=\"13\" fill=\"\(color)\"/>"
            + "<text x=\"\(n(56 + current * scale))\" y=\"34\" class=\"tick\">\(Int(current))</text></svg>\n"
    }

    /// Columns per day; over more than 120 days, per week (7 days from `--since`), so bars stay readable.
    func volumeChart() -> String {
        let days = stats.volumePerDay
        let size = days.count > 120 ? 7 : 1
        let buckets = stride(from: 0, to: days.count, by: size).map { Array(days[$0..<min($0 + size, days.count)]) }
        let unit = size == 1 ? "day" : "week"
        let columns = buckets.map { bucket in
            let new = bucket.reduce(0) { $0 + $1.newTickets }, first = bucket[0].date
            let label = size == 1 ? String(first.dropFirst(5)) : first
            return SVGCharts.Column(label: label, value: Double(new),
                                    tooltip: (size == 1 ? first : "week of \(first)") + ": \(new) new, backlog \(bucket.last!.backlog)")
        }
        return SVGCharts.columns(columns, series: .init("new tickets", color: Self.blue),
                                 line: (.init("backlog at end of \(unit)", color: Self.orange), buckets.map { Double($0.last!.backlog) }),
                                 title: "New tickets per \(unit)", xLabel: "\(unit) (UTC)", yLabel: "tickets",
                                 labelEvery: max(1, (columns.count + 11) / 12))
    }

    func resolutionChart() -> String {
        var counts = [Int](repeating: 0, count: Self.resolutionBuckets.count)
        for s in resolutionSeconds { counts[Self.resolutionBuckets.firstIndex { s < $0.0 } ?? counts.count - 1] += 1 }
        let columns = zip(Self.resolutionBuckets, counts).map { bucket, count in
            SVGCharts.Column(label: bucket.1, value: Double(count), tooltip: "\(bucket.1): \(count) tickets")
        }
        return SVGCharts.columns(columns, series: .init("closed tickets", color: Self.blue), title: "Resolution time histogram",
                                 xLabel: "time to close", yLabel: "tickets", height: 240)
    }

    func groupChart(_ groups: [StatsReport.Group], none: String, title: String) -> String {
        guard !groups.isEmpty else { return "<p class=\"empty\">No tickets in this period.</p>\n" }
        let rows = groups.prefix(15).map { g in
            SVGCharts.Row(label: g.name ?? none, values: [Double(g.backlog), Double(g.tickets - g.backlog)],
                          note: "first response \(DurationText.format(g.firstResponseMedianSeconds)) · resolution \(DurationText.format(g.resolutionMedianSeconds))")
        }
        return SVGCharts.rows(Array(rows), series: [.init("not closed", color: Self.orange), .init("closed", color: Self.lightBlue)],
                              title: title, xLabel: "tickets (medians after each bar)")
    }

    func section(_ heading: String, _ explain: String, _ body: String) -> String {
        "<section><h2>\(HTMLEscape.text(heading))</h2>\n<p class=\"explain\">\(HTMLEscape.text(explain))</p>\n\(body)</section>\n"
    }
}
