/// Parses durations written as `"30s"`, `"5m"`, `"1h"`, `"250ms"`, `"1h30m"`, `"1.5s"` or a bare
/// number of seconds (`"30"`). Units: `ms`, `s`, `m`, `h`, `d`.
enum DurationParser {
    private static let units: [String: Double] = ["ms": 0.001, "s": 1, "m": 60, "h": 3_600, "d": 86_400]

    /// Seconds, or `nil` when `text` is not a duration.
    static func seconds(_ text: String) -> Double? {
        let chars = Array(text.strippingBlanks().lowercased())
        guard !chars.isEmpty else { return nil }
        if chars.allSatisfy(\.isASCIIDigitOrDot) { return Double(String(chars)) }
        var total = 0.0
        var i = 0
        while i < chars.count {
            let numberStart = i
            while i < chars.count, chars[i].isASCIIDigitOrDot { i += 1 }
            guard i > numberStart, let number = Double(String(chars[numberStart..<i])) else { return nil }
            let unitStart = i
            while i < chars.count, chars[i].isLetter { i += 1 }
            guard let scale = units[String(chars[unitStart..<i])] else { return nil }
            total += number * scale
        }
        return total
    }
}

private extension Character {
    var isASCIIDigitOrDot: Bool { ("0"..."9").contains(self) || self == "." }
}

private extension String {
    func strippingBlanks() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
