import Logging
import MailTransport

/// Holds one IMAP connection for a poller. Only ever touched from the poller's `BlockingExecutor`
/// thread (that is what makes the unchecked Sendable sound): the curl handle never crosses threads
/// concurrently, and blocking calls never run on the Swift concurrency pool.
final class IMAPSession: @unchecked Sendable {
    let endpoint: MailEndpoint
    let logger: Logger
    private var connection: IMAPConnection?

    init(endpoint: MailEndpoint, logger: Logger) {
        self.endpoint = endpoint
        self.logger = logger
    }

    /// Runs `body` with a connected session; a transport error drops the connection so the next call reconnects.
    func with<T>(_ body: (IMAPConnection) throws -> T) throws -> T {
        let live: IMAPConnection
        if let connection {
            live = connection
        } else {
            live = try IMAPConnection(endpoint: endpoint, logger: logger)
            connection = live
        }
        do {
            return try body(live)
        } catch {
            connection = nil
            throw error
        }
    }

    func close() { connection = nil }
}
