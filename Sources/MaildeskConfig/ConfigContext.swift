import Foundation

/// What every section reader needs: the file name for messages, the directory relative paths resolve
/// against, the line map of the source text, and the environment secrets may come from.
struct ConfigContext: Sendable {
    let file: String?
    /// Absolute directory of the config file (the working directory for in-memory text).
    let baseDirectory: String
    let sourceMap: TOMLSourceMap
    let environment: [String: String]

    init(file: String?, text: String, environment: [String: String]) {
        self.file = file
        let cwd = FileManager.default.currentDirectoryPath
        if let file {
            let absolute = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true))
            self.baseDirectory = absolute.standardizedFileURL.deletingLastPathComponent().path
        } else {
            self.baseDirectory = cwd
        }
        self.sourceMap = TOMLSourceMap(text: text)
        self.environment = environment
    }

    /// `path` unchanged when absolute, else joined to ``baseDirectory`` and normalised (`.`/`..` removed).
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = URL(fileURLWithPath: baseDirectory, isDirectory: true)
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
    }

    /// An error at the line of `path` (dotted key), or of its enclosing table when the key is absent.
    func error(path: String?, index: Int? = nil, message: String) -> ConfigError {
        let line = path.flatMap { sourceMap.line(of: $0, index: index) }
        return ConfigError(file: file, line: line, key: path, message: message)
    }
}
