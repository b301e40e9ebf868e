import Foundation
import MaildeskStore
#if canImport(Glibc)
import Glibc
#endif

/// An advisory `flock(2)` lock on a file next to the database, so that `run`, `poll --once` and
/// `ingest` never process or send at the same time. Held per unit of work, not for a process's life.
public final class ProcessLock: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Busy: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "another maildesk process holds \(path); try again later" }
    }

    /// Runs `body` while holding the lock, waiting up to `timeout` seconds for it.
    public func withLock<T>(timeout: Double = 60, _ body: () async throws -> T) async throws -> T {
        // A new lock file is 0600 whatever the umask (PrivateFiles); never opened through a symlink.
        var fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_NOFOLLOW | O_CLOEXEC, PrivateFiles.fileMode)
        if fd >= 0 {
            _ = fchmod(fd, PrivateFiles.fileMode)
        } else if errno == EEXIST {
            fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw IngestFailure("cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else { throw Busy(path: path) }
            try await Task.sleep(for: .milliseconds(100))
        }
        defer { flock(fd, LOCK_UN) }
        return try await body()
    }
}
