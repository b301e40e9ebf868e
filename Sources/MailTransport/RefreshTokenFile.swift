import Foundation
import Glibc

/// The file holding an OAuth 2.0 refresh token: one line, read before every refresh (so an administrator
/// can replace it without a restart) and replaced atomically when the provider rotates the token
/// (RFC 6749 §6, §10.4): a temporary file in the same directory created 0600 whatever the umask, written,
/// fsynced, renamed over the old one, then the directory fsynced, so a crash leaves the old or the new
/// token, never a torn one. Processes sharing the file serialise refreshes on `<file>.lock` (flock(2)).
struct RefreshTokenFile: Sendable {
    let path: String

    /// Device, inode, modification time and size: changes whenever the file is replaced or edited.
    struct Identity: Equatable, Sendable {
        var device: UInt64, inode: UInt64, seconds: Int, nanoseconds: Int, size: Int64
    }

    /// The current refresh token (first line, surrounding white space removed).
    func read() throws(OAuth2Error) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot read") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot read") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw problem("is not a regular file") }
        guard info.st_size <= 64 * 1024 else { throw problem("is larger than 64 KiB") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw failure("cannot read") }
            if n == 0 { break }
            count += n
        }
        let text = String(decoding: bytes[..<count], as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !line.isEmpty else { throw problem("is empty: put the refresh token in it") }
        guard line.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw problem("holds characters that cannot be in a refresh token")
        }
        return line
    }

    /// Replaces the file with `token` + newline, atomically and durably, mode 0600.
    func write(_ token: String) throws(OAuth2Error) {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        let temp = directory + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw failure("cannot create a temporary file beside") }
        var error: OAuth2Error? = nil
        if fchmod(fd, 0o600) != 0 { error = failure("cannot set mode 0600 on the temporary file for") }
        if error == nil, !Self.writeAll(fd, Array((token + "\n").utf8)) { error = failure("cannot write the temporary file for") }
        if error == nil, fsync(fd) != 0 { error = failure("cannot fsync the temporary file for") }
        if close(fd) != 0, error == nil { error = failure("cannot write the temporary file for") }
        if error == nil, rename(temp, path) != 0 { error = failure("cannot rename the temporary file over") }
        if let error {
            unlink(temp)
            throw error
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw failure("cannot open the directory of") }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else { throw failure("cannot fsync the directory of") }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            written += n
        }
        return true
    }

    func identity() -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), seconds: info.st_mtim.tv_sec,
                        nanoseconds: info.st_mtim.tv_nsec, size: Int64(info.st_size))
    }

    /// Modification time and permission bits, nil when the file cannot be examined.
    func status() -> (modified: Date, mode: Int)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
        return (modified, Int(info.st_mode & 0o7777))
    }

    /// Runs `body` holding an exclusive flock(2) on `<file>.lock` (created 0600). When the lock file cannot
    /// be created (a read-only directory, which also means a rotated token could not be saved), runs unlocked.
    func withLock<T>(_ body: () throws(OAuth2Error) -> T) throws(OAuth2Error) -> T {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)  // whatever the umask; fails harmlessly on another user's lock file
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { return try body() }
        }
        return try body()
    }

    private func failure(_ what: String) -> OAuth2Error {
        let reason = String(cString: strerror(errno))
        return OAuth2Error(kind: .configuration, message: "\(what) refresh_token_file \(path): \(reason)")
    }

    private func problem(_ what: String) -> OAuth2Error {
        OAuth2Error(kind: .configuration, message: "refresh_token_file \(path) \(what)")
    }
}
