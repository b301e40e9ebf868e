import Foundation
import MaildeskStore

/// Files and folders the user names on the command line (`--file`, `parse FILE`, `--csv`, `kb import
/// DIR`, …). One that cannot be read is bad input: `cannot read PATH: REASON` with the OS reason
/// (strerror(3), e.g. "No such file or directory", "Is a directory"), exit 65 (docs/cli.md#exit-codes).
enum UserFiles {
    /// The bytes of `path`; `-` is standard input.
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)  // EISDIR for a folder
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    /// The text of `path` (UTF-8; invalid bytes become U+FFFD).
    static func text(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Fails unless `path` is a file that can be opened for reading, for paths another module reads
    /// later (e.g. `restore FILE`, `kb eval --queries F`).
    static func checkFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw failure(path, EISDIR) }
    }

    /// Fails unless `path` is a folder that can be listed (`kb import DIR`, `kb eval --kb DIR`).
    static func checkFolder(_ path: String, code: CLIFailure.Code = .dataError) throws {
        guard let folder = opendir(path) else { throw failure(path, errno, code: code) }
        closedir(folder)
    }

    static func failure(_ path: String, _ error: Int32, code: CLIFailure.Code = .dataError) -> CLIFailure {
        CLIFailure(code, "cannot read \(path): \(String(cString: strerror(error)))")
    }

    /// Writes `data` to `path` as a private file (0600 whatever the umask, docs/admin-guide.md#file-modes):
    /// a new temporary file beside it, then rename(2) over any old one. Fails with the OS reason.
    static func writePrivate(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        do {
            try PrivateFiles.write(Array(data), toNew: temporary)
        } catch {
            throw CLIFailure(.failure, "cannot write \(path): \(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIFailure(.failure, "cannot write \(path): \(reason)")
        }
    }
}
