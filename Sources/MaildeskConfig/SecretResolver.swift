/// Finds a password without ever taking it inline from the config file.
///
/// Order: `password_file` (relative to the config file, trailing newline trimmed), then the environment
/// variable, then `$CREDENTIALS_DIRECTORY/<credential>` as set up by systemd `LoadCredential=`.
/// - SeeAlso: systemd.exec(5) "Credentials"
enum SecretResolver {
    struct Source: Sendable {
        /// e.g. `MAILDESK_IMAP_PASSWORD`.
        let environmentVariable: String
        /// e.g. `imap-password`.
        let credential: String
    }

    static let passwordFileKey = "password_file"

    /// The secret, or `nil` when none is configured and `required` is false.
    static func resolve(_ reader: TableReader, source: Source, required: Bool) throws(ConfigError) -> String? {
        if let file = try reader.path(passwordFileKey) {
            return try readSecret(at: file, reader: reader, key: passwordFileKey)
        }
        let environment = reader.context.environment
        if let value = environment[source.environmentVariable], !value.isEmpty {
            return value
        }
        if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty {
            let file = directory.hasSuffix("/") ? directory + source.credential : "\(directory)/\(source.credential)"
            if FileText.exists(file) {
                return try readSecret(at: file, reader: reader, key: nil)
            }
        }
        guard required else { return nil }
        throw reader.error(
            passwordFileKey,
            "no password configured: set password_file, the environment variable \(source.environmentVariable), "
                + "or the systemd credential \(source.credential)")
    }

    private static func readSecret(at file: String, reader: TableReader, key: String?) throws(ConfigError) -> String {
        let what = key == nil ? "credential \(file)" : file
        switch FileText.read(file) {
        case .failure(let failure):
            throw reader.error(key ?? passwordFileKey, "cannot read \(what): \(failure.reason)")
        case .success(let text):
            var secret = Substring(text)
            while let last = secret.last, last == "\n" || last == "\r\n" || last == "\r" { secret = secret.dropLast() }
            guard !secret.isEmpty else { throw reader.error(key ?? passwordFileKey, "\(what) is empty") }
            return String(secret)
        }
    }
}
