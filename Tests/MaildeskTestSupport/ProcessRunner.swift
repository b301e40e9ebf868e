import Foundation

/// What a child process printed and how it ended.
public struct ProcessResult: Sendable {
    /// The exit code, or 128 + the signal number when a signal ended it (as a shell reports it).
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// The lines on stderr (the last newline ends the last line).
    public var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
}

/// Runs programs the way the CLI tests need: standard input, output and error through temporary files,
/// not pipes, so nothing has to be drained while the child runs (a child writing much to both streams
/// cannot block), and no read is interrupted.
public enum ProcessRunner {
    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let io = NSTemporaryDirectory() + "maildesk-io-" + UUID().uuidString
        for suffix in [".in", ".out", ".err"] {
            guard FileManager.default.createFile(atPath: io + suffix, contents: suffix == ".in" ? Data(stdin ?? []) : nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: io + suffix])
            }
        }
        defer { for suffix in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: io + suffix) } }
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: io + ".in"))
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: io + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: io + ".err"))
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        for handle in [input, out, err] { try handle.close() }
        let stdout = try Data(contentsOf: URL(fileURLWithPath: io + ".out"))
        let stderr = try Data(contentsOf: URL(fileURLWithPath: io + ".err"))
        return ProcessResult(status: process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus,
                             stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
