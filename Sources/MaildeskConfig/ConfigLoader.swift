import Foundation
import TOMLKit

/// Reads `maildesk.toml` into a validated ``MaildeskConfiguration``.
///
/// Unknown keys and tables, wrong types, missing required keys, bad URLs, durations and addresses,
/// inline passwords and unreadable secret files are all ``ConfigError``s naming the key and, when the key
/// is in the file, its line.
public enum ConfigLoader {
    /// Reads and parses the file at `path`. Relative paths inside resolve against its directory.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> MaildeskConfiguration {
        switch FileText.read(path) {
        case .failure(let failure):
            throw ConfigError(file: path, message: "cannot read config file \(path): \(failure.reason)")
        case .success(let text):
            return try parse(text, path: path, environment: environment)
        }
    }

    /// Parses config text. `path` names the file in messages and anchors relative paths
    /// (the working directory when `nil`).
    public static func parse(
        _ text: String,
        path: String?,
        environment: [String: String]
    ) throws(ConfigError) -> MaildeskConfiguration {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let failure as TOMLParseError {
            throw ConfigError(file: path, line: failure.source.begin.line, message: "TOML syntax error: \(failure.description)")
        } catch {
            throw ConfigError(file: path, message: "TOML syntax error: \(error)")
        }
        let context = ConfigContext(file: path, text: text, environment: environment)
        var configuration = try ConfigBuilder(root: root, context: context).build()
        configuration.configPath = path
        return configuration
    }
}
