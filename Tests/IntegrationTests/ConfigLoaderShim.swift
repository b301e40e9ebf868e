import MaildeskConfig

/// Loads a test's config file the way the CLI does.
enum ConfigLoaderShim {
    static func load(_ path: String) throws -> MaildeskConfiguration {
        try ConfigLoader.load(path: path)
    }
}
