import ArgumentParser
import Foundation
import HelpdeskKB
import MaildeskServices

/// `maildesk kb import|list|show|search|eval`: the knowledge base of Markdown articles.
struct KBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Import, list, show, search and evaluate the knowledge base.",
        subcommands: [KBImportCommand.self, KBListCommand.self, KBShowCommand.self, KBSearchCommand.self, KBEvalCommand.self])

    /// Runs `body`, turning an article or query-file problem into one line and exit 65.
    static func readingArticles<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KBArticleError {
            throw CLIFailure(.dataError, error.description)
        } catch let error as MaildeskApp.NoKBDirectory {
            throw CLIFailure(.usage, error.description)
        }
    }
}
