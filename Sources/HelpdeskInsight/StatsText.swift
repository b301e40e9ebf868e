/// `maildesk stats` for a person at a terminal: the figures, a sparkline of daily volume and bars per
/// category and per agent.
public enum StatsText {
    public static func render(_ report: StatsReport, charts: TerminalCharts) -> [String] {
        let days = report.volumePerDay
        var lines: [String] = []
        let sep = charts.unicode ? " · " : " | ", arrow = charts.unicode ? "→" : "->", dots = charts.unicode ? "…" : "..."
        lines.append("Tickets since \(RFC3339.day(report.since)): \(report.tickets) new in \(days.count) day(s)")
        if !days.isEmpty {
            let counts = days.map(\.newTickets)
            let peak = counts.max() ?? 0
            lines.append("  new per day  \(charts.sparkline(counts))  max \(peak)/day")
            lines.append("  backlog      \(charts.sparkline(days.map(\.backlog)))  \(days.first!.backlog) \(arrow) \(days.last!.backlog)")
            lines.append("               \(days.first!.date) \(dots) \(days.last!.date)")
        }
        let b = report.backlog
        lines.append("Backlog now:    \(b.total) (open \(b.open)\(sep)pending \(b.pending)\(sep)answered \(b.answered))")
        lines.append(timing("First response:", report.firstResponse, sep: sep))
        lines.append(timing("Resolution:    ", report.resolution, sep: sep))
        let a = report.autoAnswer
        lines.append("Auto-answers:   rate \(DurationText.percent(a.rate)) (\(a.answered) of \(report.tickets))\(sep)"
                     + "precision \(DurationText.percent(a.precision)) (\(a.answered - a.reopened) of \(a.answered) not reopened)")
        lines.append("Due estimate:   " + (report.dueEstimateMaeHours.map {
            String(format: "mean absolute error %.1f h", $0) + " (newest 20% of closed tickets, model fitted on the rest)"
        } ?? "no error yet (needs \(DueEstimator.minimumSamples) closed tickets)"))
        lines += groups("By category", report.perCategory, none: "(none)", charts: charts, sep: sep)
        lines += groups("By agent (assignee)", report.perAgent, none: "(unassigned)", charts: charts, sep: sep)
        return lines
    }

    static func timing(_ label: String, _ t: StatsReport.Timing, sep: String) -> String {
        "\(label) median \(DurationText.format(t.medianSeconds))\(sep)p90 \(DurationText.format(t.p90Seconds)) (\(t.tickets) ticket\(t.tickets == 1 ? "" : "s"))"
    }

    static func groups(_ title: String, _ groups: [StatsReport.Group], none: String, charts: TerminalCharts, sep: String) -> [String] {
        guard !groups.isEmpty else { return [] }
        let names = groups.map { clip($0.name ?? none, 24, unicode: charts.unicode) }
        let width = names.map(\.count).max() ?? 0
        let top = Double(groups.map(\.tickets).max() ?? 0)
        let countWidth = String(groups.map(\.tickets).max() ?? 0).count
        var lines = ["", title]
        for (group, name) in zip(groups, names) {
            let bar = charts.bar(Double(group.tickets), maximum: top, width: 24)
            let count = String(group.tickets)
            lines.append("  " + pad(name, width) + "  " + pad(bar, 24) + " " + String(repeating: " ", count: countWidth - count.count) + count
                         + "  first response \(DurationText.format(group.firstResponseMedianSeconds))"
                         + "\(sep)resolution \(DurationText.format(group.resolutionMedianSeconds))\(sep)\(group.backlog) not closed")
        }
        return lines
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// At most `width` characters, control characters (terminal escapes in an agent's `#category`)
    /// shown as `?`.
    static func clip(_ text: String, _ width: Int, unicode: Bool) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
        return clean.count <= width ? clean : String(clean.prefix(width - 1)) + (unicode ? "…" : "~")
    }
}
