import ArgumentParser
import Foundation

/// A user-facing failure: one line on stderr and an exit code from docs/cli.md#exit-codes, never a stack trace.
struct CLIFailure: Error, CustomStringConvertible {
    enum Code: Int32 {
        case failure = 1, usage = 64, dataError = 65, temporary = 75, configuration = 78
    }

    var code: Code
    var description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}

/// Runs a command body, turning every error into one stderr line and the right exit code. The line is
/// escaped like any output (docs/cli.md#escaping): a reason may quote a file name or a mail.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CLIFailure {
        FileHandle.standardError.write(Data("maildesk: \(Output.safe(failure.description))\n".utf8))
        throw ExitCode(failure.code.rawValue)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("maildesk: \(Output.safe("\(error)"))\n".utf8))
        throw ExitCode(CLIFailure.Code.failure.rawValue)
    }
}
