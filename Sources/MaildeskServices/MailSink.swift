import Crypto
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
///
/// Files are created 0600 and a directory we create 0700, whatever the umask (``PrivateFiles``). A name
/// stays within NAME_MAX (255 bytes, also as `.tmp-<name>`): a longer recipient is cut and given a hash
/// of the whole address. As Postfix local(8) does with its errno (mbox_dsn), only errors that can heal
/// by themselves are temporary — EAGAIN, ESTALE, EINTR, ENOSPC, EDQUOT, and a process out of file
/// descriptors or memory —; anything else (EACCES, ENOTDIR, EINVAL, ENAMETOOLONG, EIO, …) fails the
/// row with the reason instead of retrying forever.
/// - SeeAlso: rename(2), open(2), errno(3), docs/admin-guide.md (outbox directory)
public struct DirectorySink: MailSink {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func deliver(_ row: OutboxRecord) async throws(DeliveryError) {
        let name = Self.fileName(id: row.id ?? 0, recipient: row.recipient)
        let final = (directory as NSString).appendingPathComponent(name)
        let temporary = (directory as NSString).appendingPathComponent(".tmp-" + name)
        do throws(PrivateFiles.Failure) {
            try PrivateFiles.makeDirectories(directory)
            unlink(temporary)  // left by a crash
            try PrivateFiles.write(row.data, toNew: temporary)
            guard rename(temporary, final) == 0 else {
                let failure = PrivateFiles.Failure(errno: errno, path: final, operation: "rename \(temporary) to")
                unlink(temporary)
                throw failure
            }
        } catch {
            throw DeliveryError(temporary: Self.isTemporary(errno: error.errno),
                                "outbox directory \(directory): \(error.description)")
        }
    }

    /// Whether a failed file operation may succeed later without anyone fixing anything.
    public static func isTemporary(errno code: Int32) -> Bool {
        [EAGAIN, EWOULDBLOCK, ESTALE, EINTR, ENOSPC, EDQUOT, EMFILE, ENFILE, ENOMEM].contains(code)
    }

    /// Longest name: NAME_MAX minus the `.tmp-` prefix of the temporary file.
    static let maxNameBytes = 255 - 5

    /// `%06d-<recipient>.eml`, every character but letters, digits and `@.-_+` replaced by `_`; when that
    /// is longer than ``maxNameBytes``, the recipient is cut (at a character) and followed by `-` and the
    /// first 16 hex digits of its SHA-256, so different long addresses keep different names.
    static func fileName(id: Int64, recipient: String) -> String {
        let prefix = String(format: "%06lld-", id), suffix = ".eml"
        let safe = String(recipient.map { $0.isLetter || $0.isNumber || "@.-_+".contains($0) ? $0 : "_" })
        if prefix.utf8.count + safe.utf8.count + suffix.utf8.count <= maxNameBytes { return prefix + safe + suffix }
        let hash = "-" + SHA256.hash(data: Data(recipient.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        let budget = maxNameBytes - prefix.utf8.count - hash.utf8.count - suffix.utf8.count
        var cut = "", used = 0
        for character in safe {
            let size = character.utf8.count
            guard used + size <= budget else { break }
            cut.append(character)
            used += size
        }
        return prefix + cut + hash + suffix
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
