import TOMLKit

/// Turns the parsed TOML document into a ``MaildeskConfiguration``, one section at a time.
/// Section-specific rules live in the `ConfigBuilder+…` extensions.
struct ConfigBuilder {
    static let knownTables: [String] = [
        "database", "imap", "maildir", "smtp", "outbox", "helpdesk", "limits", "kb", "retention", "metrics",
        "classifier",
    ]

    let root: TOMLTable
    let context: ConfigContext

    func build() throws(ConfigError) -> MaildeskConfiguration {
        try rejectUnknownTopLevel()
        let database = try databaseSection()
        return MaildeskConfiguration(
            database: database,
            source: try sourceSection(),
            sink: try sinkSection(),
            helpdesk: try helpdeskSection(databasePath: database.path),
            limits: try limitsSection(),
            kb: try kbSection(),
            retention: try retentionSection(),
            metrics: try metricsSection(),
            classifier: try classifierSection()
        )
    }

    /// Every top-level name must be one of ``knownTables`` and must be a table.
    private func rejectUnknownTopLevel() throws(ConfigError) {
        let keys = root.keys.sorted { (context.sourceMap.line(of: $0) ?? .max) < (context.sourceMap.line(of: $1) ?? .max) }
        for key in keys {
            let isTable = root[key]?.type == .table
            guard Self.knownTables.contains(key) else {
                let message = isTable ? "unknown table [\(key)]" : "unknown key \(key)"
                throw context.error(path: key, message: message)
            }
            guard isTable else { throw context.error(path: key, message: "\(key): expected a table [\(key)]") }
        }
    }

    /// A reader for top-level table `name`, or `nil` when the file has no such table.
    func section(_ name: String) -> TableReader? {
        guard let table = root[name]?.table else { return nil }
        return TableReader(table: table, section: name, index: nil, context: context)
    }

    /// A reader for a table that must exist.
    func requiredSection(_ name: String, hint: String) throws(ConfigError) -> TableReader {
        guard let reader = section(name) else {
            throw ConfigError(file: context.file, key: name, message: "missing required table [\(name)] (\(hint))")
        }
        return reader
    }

    /// Exactly one of two alternative tables; `nil` means neither. Both present is an error at the second.
    func oneOf(_ first: String, _ second: String, purpose: String) throws(ConfigError) -> TableReader? {
        let a = section(first)
        let b = section(second)
        if a != nil, b != nil {
            let lineA = context.sourceMap.line(of: first) ?? 0
            let lineB = context.sourceMap.line(of: second) ?? 0
            let later = lineA > lineB ? first : second
            throw context.error(
                path: later,
                message: "[\(first)] and [\(second)] are both present; configure exactly one \(purpose)")
        }
        return a ?? b
    }

    func databaseSection() throws(ConfigError) -> DatabaseConfig {
        let reader = try requiredSection("database", hint: "path = \"/var/lib/maildesk/maildesk.sqlite\"")
        try reader.allowOnly(["path"])
        return DatabaseConfig(path: try reader.requiredPath("path"))
    }
}
