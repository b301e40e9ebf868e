import Foundation
import Logging
import MailTransport
import MaildeskStore

/// Why a delivery attempt failed, and whether trying again later can help.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var temporary: Bool
    public var description: String
    public init(temporary: Bool, _ description: String) {
        self.temporary = temporary
        self.description = description
    }
}

/// Where outbound mail goes: an SMTP server, or a directory of `.eml` files.
public protocol MailSink: Sendable {
    func deliver(_ row: OutboxRecord) async throws(DeliveryError)
}

/// Writes each outbox row as `<id>-<recipient>.eml` into a directory (demo and offline use);
/// written to a temporary name first and renamed, so readers never see half a file.
public struct DirectorySink: MailSink {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func deliver(_ row: OutboxRecord) async throws(DeliveryError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let safe = row.recipient.map { $0.isLetter || $0.isNumber || "@.-_+".contains($0) ? $0 : "_" }
            let name = String(format: "%06lld-%@.eml", row.id ?? 0, String(safe))
            let final = (directory as NSString).appendingPathComponent(name)
            let temporary = (directory as NSString).appendingPathComponent(".tmp-" + name)
            try row.data.write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
            try FileManager.default.moveItem(atPath: temporary, toPath: final)
        } catch {
            throw DeliveryError(temporary: true, "cannot write to outbox directory \(directory): \(error.localizedDescription)")
        }
    }
}

/// Sends over SMTP, one transaction per recipient, on a dedicated thread.
public final class SMTPSink: MailSink {
    let executor = BlockingExecutor(name: "smtp")
    let session: SMTPSession

    public init(endpoint: MailEndpoint, heloName: String, logger: Logger) {
        session = SMTPSession(endpoint: endpoint, heloName: heloName, logger: logger)
    }

    deinit { executor.shutdown() }

    public func deliver(_ row: OutboxRecord) async throws(DeliveryError) {
        let session = self.session
        let from = row.envelopeFrom, recipient = row.recipient, bytes = [UInt8](row.data)
        do {
            _ = try await executor.run { try session.send(from: from, recipient: recipient, message: bytes) }
        } catch let error as TransportError {
            throw DeliveryError(temporary: error.isTemporary, error.description)
        } catch {
            throw DeliveryError(temporary: true, String(describing: error))
        }
    }
}

/// One SMTP connection, only touched from the sink's executor thread.
final class SMTPSession: @unchecked Sendable {
    let endpoint: MailEndpoint
    let heloName: String
    let logger: Logger
    private var connection: SMTPConnection?

    init(endpoint: MailEndpoint, heloName: String, logger: Logger) {
        self.endpoint = endpoint
        self.heloName = heloName
        self.logger = logger
    }

    func send(from: String, recipient: String, message: [UInt8]) throws -> SMTPReply {
        let live = try connection ?? SMTPConnection(endpoint: endpoint, heloName: heloName, logger: logger)
        connection = live
        do {
            return try live.send(from: from, recipient: recipient, message: message)
        } catch {
            connection = nil
            throw error
        }
    }
}
