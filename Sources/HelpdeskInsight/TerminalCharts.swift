/// Charts as text for a terminal: a sparkline for a series and horizontal bars for a ranking, with
/// Unicode block elements (U+2581–U+2588 lower blocks, U+2589–U+258F left blocks in eighths) or a
/// plain ASCII fallback for terminals whose locale is not UTF-8.
public struct TerminalCharts: Sendable {
    public var unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    /// Whether the locale variables (first set of `LC_ALL`, `LC_CTYPE`, `LANG`, as POSIX orders them)
    /// name UTF-8.
    public static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                let folded = value.lowercased()
                return folded.contains("utf-8") || folded.contains("utf8")
            }
        }
        return false
    }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", "=", "+", "*", "#", "@"]
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// One character per value, scaled so the largest value is the highest block; zero is the lowest
    /// block (a space in ASCII, so an empty day stands out). A series longer than `width` is summed
    /// into `width` buckets first.
    public func sparkline(_ values: [Int], width: Int = 60) -> String {
        let series = Self.rebucket(values, width: width)
        let top = series.max() ?? 0
        let levels = unicode ? Self.levels : Self.asciiLevels
        return String(series.map { value -> Character in
            if value == 0 { return unicode ? levels[0] : " " }
            guard top > 0 else { return levels[0] }
            let level = Int((Double(value) / Double(top) * Double(levels.count - 1)).rounded(.up))
            return levels[max(1, min(level, levels.count - 1))]
        })
    }

    /// A bar of `value / maximum` of `width` cells, in eighths of a cell with Unicode; at least a
    /// sliver for any value above zero.
    public func bar(_ value: Double, maximum: Double, width: Int = 30) -> String {
        guard maximum > 0, value > 0 else { return "" }
        let cells = min(value / maximum, 1) * Double(width)
        if !unicode { return String(repeating: "#", count: max(1, Int(cells.rounded()))) }
        let eighthsTotal = max(1, Int((cells * 8).rounded()))
        var bar = String(repeating: "█", count: eighthsTotal / 8)
        if eighthsTotal % 8 > 0 { bar.append(Self.eighths[eighthsTotal % 8 - 1]) }
        return bar
    }

    /// Sums consecutive values so at most `width` remain (the last bucket may be shorter).
    static func rebucket(_ values: [Int], width: Int) -> [Int] {
        guard width > 0, values.count > width else { return values }
        let size = (values.count + width - 1) / width
        return stride(from: 0, to: values.count, by: size).map { values[$0..<min($0 + size, values.count)].reduce(0, +) }
    }
}

/// Durations for people: `45s`, `12m`, `3h 05m`, `2d 4h`.
public enum DurationText {
    public static func format(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m" }
        if s < 86_400 {
            let minutes = (s % 3_600) / 60
            return minutes == 0 ? "\(s / 3_600)h" : "\(s / 3_600)h " + (minutes < 10 ? "0" : "") + "\(minutes)m"
        }
        let hours = (s % 86_400) / 3_600
        return hours == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d \(hours)h"
    }

    /// A ratio as a whole percentage, `–` when unknown.
    public static func percent(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "-" }
        return "\(Int((ratio * 100).rounded()))%"
    }
}
