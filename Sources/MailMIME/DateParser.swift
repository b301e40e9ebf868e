/// Lenient date-time parser.
/// - SeeAlso: RFC 5322 §3.3 (date-time), §4.3 (obsolete: 2/3-digit years, named zones, military zones)
enum DateParser {
    static let maxLength = 256

    /// Seconds since 1970 (UTC), or nil when no date can be recovered.
    static func parse(_ text: String) -> Double? {
        guard text.utf8.count <= maxLength else { return nil }
        var day: Int?, month: Int?, year: Int?
        var hour: Int?, minute = 0, second = 0
        var offset: Int? = nil  // seconds east of UTC
        var yearDigits = 0
        let tokens = tokenize(text)
        for tok in tokens {
            if tok.contains(":") {
                guard hour == nil else { continue }
                let parts = tok.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                guard parts.count >= 2, parts.count <= 3, let h = parts[0], let m = parts[1] else { continue }
                if parts.count == 3 { guard let s = parts[2] else { continue }; second = s }
                hour = h; minute = m
            } else if let first = tok.first, first == "+" || first == "-", tok.count >= 3,
                      isDigits(tok.dropFirst()), let v = Int(tok.dropFirst()), offset == nil, hour != nil {
                let digits = tok.count - 1
                let (h, m) = digits <= 2 ? (v, 0) : (v / 100, v % 100)
                guard h <= 23, m <= 59 else { continue }
                offset = (first == "-" ? -1 : 1) * (h * 3600 + m * 60)
            } else if isDigits(tok[...]), let v = Int(tok) {
                if tok.count >= 3 || (day != nil && year == nil) {
                    if year == nil { year = v; yearDigits = tok.count }
                } else if day == nil {
                    day = v
                }
            } else if let m = monthNumber(tok), month == nil {
                month = m
            } else if let z = zoneOffset(tok), offset == nil, hour != nil {
                offset = z
            }
        }
        guard let d = day, let mo = month, var y = year, let h = hour else { return nil }
        if yearDigits <= 2 { y += y < 50 ? 2000 : 1900 } else if yearDigits == 3 { y += 1900 }
        guard (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), y >= 1000, y <= 9999,
              (0...23).contains(h), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = daysFromCivil(year: y, month: mo, day: d)
        let secs = days * 86400 + h * 3600 + minute * 60 + min(second, 59) - (offset ?? 0)
        return Double(secs)
    }

    private static func tokenize(_ text: String) -> [String] {
        // Comments like "(PST)" are dropped; separators are whitespace and commas.
        var out: [String] = []
        var cur = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; if !cur.isEmpty { out.append(cur); cur = "" }; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if ch.isWhitespace || ch == "," {
                if !cur.isEmpty { out.append(cur); cur = "" }
            } else { cur.append(ch) }
        }
        if !cur.isEmpty { out.append(cur) }
        return out.flatMap { tok -> [String] in
            // "12-Jan-2020"
            if tok.contains("-"), tok.first != "-", tok.contains(where: \.isLetter) {
                return tok.split(separator: "-").map(String.init)
            }
            return [tok]
        }
    }

    private static func isDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ tok: String) -> Int? {
        let l = ASCII.lowercased(tok)
        guard l.count >= 3 else { return nil }
        let prefix = String(l.prefix(3))
        return months.firstIndex(of: prefix).map { $0 + 1 }
    }

    private static func zoneOffset(_ tok: String) -> Int? {
        switch tok.uppercased() {
        case "UT", "UTC", "GMT", "Z": return 0
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CST": return -6 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        case "CET": return 3600
        case "CEST": return 7200
        default:
            // Military zones carry no reliable information (RFC 5322 §4.3): treat as UTC.
            if tok.count == 1, let c = tok.unicodeScalars.first, c.properties.isAlphabetic, c.isASCII { return 0 }
            return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// (year, month, day) for days since 1970-01-01.
    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
