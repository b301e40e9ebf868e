import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole small text file (config, secrets) and explains failures the way the OS does
/// (`No such file or directory`, `Permission denied`, `Is a directory`).
enum FileText {
    struct Failure: Error, Sendable {
        let reason: String
    }

    static func read(_ path: String) -> Result<String, Failure> {
        guard let handle = fopen(path, "rb") else {
            return .failure(Failure(reason: String(cString: strerror(errno))))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count {
                if ferror(handle) != 0 { return .failure(Failure(reason: String(cString: strerror(errno)))) }
                break
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Failure(reason: "not valid UTF-8"))
        }
        return .success(text)
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }
}
