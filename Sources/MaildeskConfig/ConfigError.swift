/// A configuration mistake, printed as one line: `FILE:LINE: MESSAGE`.
///
/// `line` is known for syntax errors and for problems with a key present in the file; `key` is the dotted
/// TOML path (`imap.allow_insecure`, `helpdesk.agents.id`). `message` already names the key the way an admin
/// reads it (`[imap] allow_insecure: expected true or false`).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// One line, e.g. `/etc/maildesk/maildesk.toml:12: [imap] allow_insecure: expected true or false`.
    public var description: String {
        let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(flat)"
        case let (nil, line?): return "line \(line): \(flat)"
        case let (file?, nil): return flat.contains(file) ? flat : "\(file): \(flat)"
        case (nil, nil): return flat
        }
    }
}
