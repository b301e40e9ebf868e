/// When the server received a message: its INTERNALDATE, as the server's clock stamped it.
/// `doctor` compares it with the local clock (IMAP has no time command).
/// - SeeAlso: RFC 3501 §2.3.3 (internal date), §7.4.2 (FETCH response `INTERNALDATE`)
public struct IMAPInternalDate: Sendable, Equatable {
    public var uid: UInt32
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64
    /// The date-time as the server wrote it, e.g. `01-Dec-2026 07:50:00 +0000`.
    public var text: String

    public init(uid: UInt32, secondsSince1970: Int64, text: String) {
        self.uid = uid
        self.secondsSince1970 = secondsSince1970
        self.text = text
    }

    /// Parses RFC 3501 `date-time` without its quotes:
    /// `date-day-fixed "-" date-month "-" date-year SP time SP zone`, e.g. ` 1-Dec-2026 07:50:00 +0100`
    /// (the day is two digits or a space and one digit). Nil for anything else.
    /// - SeeAlso: RFC 3501 §9 (formal syntax: `date-time`, `date-day-fixed`, `zone`)
    public static func seconds(fromDateTime text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 26, b[2] == UInt8(ascii: "-"), b[6] == UInt8(ascii: "-"), b[11] == UInt8(ascii: " "),
              b[14] == UInt8(ascii: ":"), b[17] == UInt8(ascii: ":"), b[20] == UInt8(ascii: " ") else { return nil }
        let dayText = b[0] == UInt8(ascii: " ") ? b[1...1] : b[0...1]
        guard let day = number(dayText), let year = number(b[7...10]), let hour = number(b[12...13]),
              let minute = number(b[15...16]), let second = number(b[18...19]), let zone = number(b[22...25]),
              b[21] == UInt8(ascii: "+") || b[21] == UInt8(ascii: "-") else { return nil }
        let month = String(decoding: b[3...5], as: UTF8.self).lowercased()
        guard let monthIndex = months.firstIndex(of: month) else { return nil }
        let zoneMinutes = (zone / 100) * 60 + zone % 100
        guard day >= 1, day <= daysIn(month: monthIndex + 1, year: year), hour < 24, minute < 60, second <= 60,
              zone % 100 < 60 else { return nil }
        let days = daysSince1970(year: year, month: monthIndex + 1, day: day)
        let local = days * 86_400 + hour * 3_600 + minute * 60 + second
        // The zone is the local time's offset from UTC: UTC = local - offset.
        return local - (b[21] == UInt8(ascii: "+") ? 1 : -1) * zoneMinutes * 60
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }

    static func isLeap(_ year: Int64) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int64) -> Int64 {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (years ≥ 1).
    static func daysSince1970(year: Int64, month: Int, day: Int64) -> Int64 {
        // Whole years before `year`, counted from year 1, minus those before 1970.
        func daysBefore(_ year: Int64) -> Int64 {
            let y = year - 1
            return y * 365 + y / 4 - y / 100 + y / 400
        }
        var days = daysBefore(year) - daysBefore(1970)
        for m in 1..<month { days += daysIn(month: m, year: year) }
        return days + day - 1
    }
}
