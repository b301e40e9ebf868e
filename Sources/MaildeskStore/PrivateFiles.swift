import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What maildesk creates holds mail and keys, so it is private whatever the process umask: files 0600,
/// directories 0700 (as Postfix makes its queue and Maildir files). The mode is given to open(2)/mkdir(2),
/// which the umask can only narrow, then set exactly with fchmod(2)/chmod(2); nothing is ever wider, not
/// even for a moment. Files and directories that already exist keep their mode (`maildesk doctor` names
/// wider ones). SQLite gives `-wal`, `-shm` and `-journal` the mode of the main database file
/// (os_unix.c, `findCreateFileMode`), so pre-creating that file 0600 covers them.
/// - SeeAlso: open(2), mkdir(2), umask(2), https://www.sqlite.org/tempfiles.html, docs/admin-guide.md
public enum PrivateFiles {
    public static let fileMode: mode_t = 0o600
    public static let directoryMode: mode_t = 0o700

    /// A failed system call on a path: `errno` says whether trying again can help.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var errno: Int32
        public var path: String
        public var operation: String

        public init(errno: Int32, path: String, operation: String) {
            self.errno = errno
            self.path = path
            self.operation = operation
        }

        /// `cannot <operation> <path>: <strerror>`, one line.
        public var description: String { "cannot \(operation) \(path): \(String(cString: strerror(errno)))" }
    }

    /// `mkdir -p`: each directory created here gets mode 0700; existing ones are left alone. A path whose
    /// component is not a directory fails with ENOTDIR.
    public static func makeDirectories(_ path: String) throws(Failure) {
        guard !path.isEmpty else { return }
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw Failure(errno: ENOTDIR, path: path, operation: "create directory") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        guard mkdir(path, directoryMode) == 0 else {
            let code = errno
            // Another process made it in between: fine when it is a directory.
            if code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
            throw Failure(errno: code, path: path, operation: "create directory")
        }
        _ = chmod(path, directoryMode)
    }

    /// Creates `path` as an empty 0600 file unless something (a file, a symlink) is already there.
    /// Returns whether it created the file.
    @discardableResult
    public static func createEmpty(_ path: String) throws(Failure) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { return false }
            throw Failure(errno: code, path: path, operation: "create")
        }
        _ = fchmod(fd, fileMode)
        close(fd)
        return true
    }

    /// Creates the new file `path` (never an existing one, never through a symlink) with mode 0600 and
    /// writes `bytes` to it; with `sync`, fsync(2) before closing. A failure leaves no file behind.
    public static func write(_ bytes: some Collection<UInt8>, toNew path: String, sync: Bool = false) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw Failure(errno: errno, path: path, operation: "create") }
        var failure: Failure?
        if fchmod(fd, fileMode) != 0 {
            failure = Failure(errno: errno, path: path, operation: "set the mode of")
        } else if let code = writeAll(fd, Array(bytes)) {
            failure = Failure(errno: code, path: path, operation: "write")
        } else if sync, fsync(fd) != 0 {
            failure = Failure(errno: errno, path: path, operation: "sync")
        }
        // close(2) can report a delayed write error (NFS, quotas).
        if close(fd) != 0, failure == nil { failure = Failure(errno: errno, path: path, operation: "write") }
        if let failure {
            unlink(path)
            throw failure
        }
    }

    /// Writes all of `bytes`, resuming after short writes and EINTR; returns the errno of a failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
