import HelpdeskInsight
import Testing

/// Sparklines and bars as text, in Unicode and in the ASCII fallback.
@Suite struct TerminalChartsTests {
    @Test func sparklineScalesToTheHighestBlock() {
        let charts = TerminalCharts(unicode: true)
        #expect(charts.sparkline([0, 1, 2, 4, 8]) == "▁▂▃▅█")
        #expect(charts.sparkline([3, 3]) == "██")
        #expect(charts.sparkline([]) == "")
        #expect(TerminalCharts(unicode: false).sparkline([0, 1, 8]) == " .@")
    }

    @Test func longSeriesAreSummedIntoTheWidth() {
        let line = TerminalCharts(unicode: true).sparkline(Array(repeating: 1, count: 120), width: 60)
        #expect(line.count == 60)
        #expect(Set(line) == ["█"])
    }

    @Test func barsUseEighthsOrHashes() {
        let charts = TerminalCharts(unicode: true)
        #expect(charts.bar(10, maximum: 10, width: 4) == "████")
        #expect(charts.bar(5, maximum: 10, width: 3) == "█▌")
        #expect(charts.bar(0.01, maximum: 10, width: 3) == "▏")
        #expect(charts.bar(0, maximum: 10) == "")
        #expect(TerminalCharts(unicode: false).bar(5, maximum: 10, width: 4) == "##")
    }

    @Test func localeDecidesUnicode() {
        #expect(TerminalCharts.localeIsUTF8(["LANG": "en_US.UTF-8"]))
        #expect(TerminalCharts.localeIsUTF8(["LC_ALL": "C.utf8", "LANG": "C"]))
        #expect(!TerminalCharts.localeIsUTF8(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
        #expect(!TerminalCharts.localeIsUTF8([:]))
    }

    @Test func durationsForPeople() {
        #expect(DurationText.format(45) == "45s")
        #expect(DurationText.format(12 * 60) == "12m")
        #expect(DurationText.format(3 * 3_600 + 5 * 60) == "3h 05m")
        #expect(DurationText.format(2 * 86_400 + 4 * 3_600) == "2d 4h")
        #expect(DurationText.format(nil) == "-")
        #expect(DurationText.percent(2.0 / 3.0) == "67%")
    }

    @Test func asciiTextHasNoUnicodeAndNamesAreSanitised() {
        let report = InsightStats.compute(InsightStatsTests.history(), since: InsightStatsTests.base,
                                          now: InsightStatsTests.at(hours: 60), backlog: .init(open: 1, pending: 1, answered: 0))
        var withEscape = report
        withEscape.perCategory[0].name = "bill\u{1B}[31mred"
        let ascii = StatsText.render(withEscape, charts: TerminalCharts(unicode: false))
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(ascii)")
        #expect(ascii.contains { $0.contains("bill?[31mred") })
        #expect(ascii.contains("Due estimate:   no error yet (needs 20 closed tickets)"))
        let text = StatsText.render(report, charts: TerminalCharts(unicode: true)).joined(separator: "\n")
        #expect(text.contains("First response: median 5h 30m · p90 9h 06m (10 tickets)"), "\(text)")
        #expect(text.contains("Auto-answers:   rate 27% (3 of 11) · precision 67% (2 of 3 not reopened)"))
        #expect(text.contains("█"))
    }
}
