import Foundation
import MaildeskStore
#if canImport(Glibc)
import Glibc
#endif

/// The HMAC key that signs our Message-IDs (and, later, reply tokens): read from `secret_file`,
/// generated (32 random bytes, hex, mode 0600) on first run when missing.
///
/// A `secret_file` that exists but cannot be used — a directory, a FIFO, a dangling symbolic link, a
/// file we may not read — is a configuration error naming the path and the reason; it is never
/// replaced. A new key is written to a temporary file and published with link(2), which fails rather
/// than overwrite, so processes starting together agree on one key and no reader sees half a file.
/// - SeeAlso: open(2) (O_NONBLOCK for FIFOs), link(2), docs/admin-guide.md (secret_file)
public enum SecretKey {
    enum Read { case key([UInt8]), missing }

    public static func loadOrCreate(path: String) throws -> [UInt8] {
        // A second round only after another process published the file between our read and our link.
        for _ in 0..<2 {
            if case let .key(bytes) = try read(path) { return bytes }
            if let bytes = try create(path) { return bytes }
        }
        throw IngestFailure("secret_file \(path) appeared and vanished again while maildesk read it; what else writes it?")
    }

    /// The key in `path`, or `.missing` when nothing is there; throws when something unusable is.
    static func read(_ path: String) throws -> Read {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            guard code == ENOENT else { throw IngestFailure("secret_file \(path) cannot be read: \(String(cString: strerror(code)))") }
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                throw IngestFailure("secret_file \(path) is a dangling symbolic link to \(target)")
            }
            return .missing
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw IngestFailure("secret_file \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw IngestFailure("secret_file \(path) is a directory")
        default: throw IngestFailure("secret_file \(path) is not a regular file")
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while count < buffer.count {
            let got = buffer[count...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw IngestFailure("secret_file \(path) cannot be read: \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            count += got
        }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = decodeHex(text), bytes.count >= 16 else {
            throw IngestFailure("secret_file \(path) must hold at least 32 hex digits")
        }
        return .key(bytes)
    }

    /// Writes a new key to `path`; nil when another process published one first (read theirs).
    static func create(_ path: String) throws -> [UInt8]? {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try PrivateFiles.makeDirectories(directory)
        } catch {
            throw IngestFailure("cannot create secret_file \(path): \(error)")
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        let temporary = (directory.isEmpty ? "." : directory) + "/.secret-\(getpid())-\(UInt64.random(in: 0...UInt64.max, using: &generator))"
        do {
            try PrivateFiles.write(Array(text.utf8), toNew: temporary, sync: true)
        } catch {
            throw IngestFailure("cannot create secret_file \(path): \(error)")
        }
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return nil }
            throw IngestFailure("cannot create secret_file \(path): \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    static func decodeHex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
