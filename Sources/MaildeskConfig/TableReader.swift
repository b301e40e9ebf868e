import TOMLKit

/// Typed, position-aware access to one TOML table (`[imap]`, one `[[helpdesk.agents]]` element, …).
///
/// Every failure names the key as an admin writes it (`[imap] url`) and carries the key's line,
/// found through the context's ``TOMLSourceMap``.
struct TableReader {
    let table: TOMLTable
    /// Dotted table path, e.g. `imap` or `helpdesk.agents`.
    let section: String
    /// Element number for an `[[array]]` table.
    let index: Int?
    let context: ConfigContext

    /// `[imap]` or `[[helpdesk.agents]]`.
    var label: String { index == nil ? "[\(section)]" : "[[\(section)]]" }

    func fullKey(_ key: String) -> String { "\(section).\(key)" }

    /// An error about `key` (or about the whole table when `key` is nil).
    func error(_ key: String?, _ message: String) -> ConfigError {
        guard let key else { return context.error(path: section, index: index, message: "\(label): \(message)") }
        return context.error(path: fullKey(key), index: index, message: "\(label) \(key): \(message)")
    }

    /// Rejects keys not in `allowed`, in file order. `hints` gives a specific message for known-bad keys.
    func allowOnly(_ allowed: Set<String>, hints: [String: String] = [:]) throws(ConfigError) {
        let keys = table.keys.sorted { line($0) < line($1) }
        for key in keys {
            if let hint = hints[key] { throw error(key, hint) }
            guard allowed.contains(key) else {
                throw context.error(path: fullKey(key), index: index, message: "unknown key \(label) \(key)")
            }
        }
    }

    private func line(_ key: String) -> Int {
        context.sourceMap.line(of: fullKey(key), index: index) ?? Int.max
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    /// A non-empty string, or `nil` when the key is absent.
    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "expected a string, got \(value.type)") }
        guard !text.allSatisfy(\.isWhitespace) else { throw error(key, "must not be empty") }
        return text
    }

    func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let text = try string(key) else {
            throw context.error(path: fullKey(key), index: index, message: "missing required key \(label) \(key)")
        }
        return text
    }

    func bool(_ key: String, default fallback: Bool) throws(ConfigError) -> Bool {
        guard let value = table[key] else { return fallback }
        guard let flag = value.bool else { throw error(key, "expected true or false") }
        return flag
    }

    func int(_ key: String, minimum: Int) throws(ConfigError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw error(key, "expected an integer, got \(value.type)") }
        guard number >= minimum else { throw error(key, "must be at least \(minimum), got \(number)") }
        return number
    }

    /// A float (integers accepted) within `range`.
    func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw error(key, "expected a number, got \(value.type)")
        }
        guard range.contains(number) else {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), got \(number)")
        }
        return number
    }

    /// Seconds from `"30s"`, `"5m"`, `"1h"`, `"250ms"` or an integer number of seconds; must be positive.
    func duration(_ key: String) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        let seconds: Double?
        if let whole = value.int {
            seconds = Double(whole)
        } else if let text = value.string {
            seconds = DurationParser.seconds(text)
        } else {
            seconds = nil
        }
        guard let seconds else {
            throw error(key, "expected a duration like \"30s\", \"5m\", \"1h\", \"250ms\" or a number of seconds")
        }
        guard seconds > 0 else { throw error(key, "must be greater than zero") }
        return seconds
    }

    /// A path, resolved against the config file's directory when relative.
    func path(_ key: String) throws(ConfigError) -> String? {
        try string(key).map(context.resolve)
    }

    func requiredPath(_ key: String) throws(ConfigError) -> String {
        context.resolve(try requiredString(key))
    }

    /// A loosely validated mail address.
    func email(_ key: String) throws(ConfigError) -> String? {
        guard let text = try string(key) else { return nil }
        guard AddressRules.isPlausibleEmail(text) else {
            throw error(key, "\"\(text)\" is not a mail address (expected local@domain)")
        }
        return text
    }

    func requiredEmail(_ key: String) throws(ConfigError) -> String {
        _ = try requiredString(key)
        return try email(key) ?? ""
    }

    /// A URL whose scheme is one of `schemes` and that names a host.
    func url(_ key: String, schemes: [String]) throws(ConfigError) -> String {
        let text = try requiredString(key)
        if let problem = AddressRules.urlProblem(text, schemes: schemes) { throw error(key, problem) }
        return text
    }
}
