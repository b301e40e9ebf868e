import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The HMAC key that signs our Message-IDs (and, later, reply tokens): read from `secret_file`,
/// generated (32 random bytes, hex, mode 0600) on first run when missing.
public enum SecretKey {
    public static func loadOrCreate(path: String) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = decodeHex(text), bytes.count >= 16 else {
                throw IngestFailure("secret_file \(path) must hold at least 32 hex digits")
            }
            return bytes
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            // Lost a race with another process creating it: use theirs.
            if errno == EEXIST { return try loadOrCreate(path: path) }
            throw IngestFailure("cannot create secret_file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard written == text.utf8.count, fsync(fd) == 0 else {
            throw IngestFailure("cannot write secret_file \(path)")
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
