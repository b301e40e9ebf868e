import ArgumentParser
import Foundation

/// `maildesk customers export ADDR [--output FILE]`: everything about them, as JSON.
struct CustomersExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Everything stored about a customer (tickets, entries, attachment metadata, raw mail) as JSON.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's address.") var address: String
    @Option(help: "Write to this file (mode 0600) instead of standard output.") var output: String?

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let address = self.address.trimmingCharacters(in: ["<", ">", " "])
            guard var data = try await app.exportCustomer(address) else {
                throw CLIFailure(.dataError, "maildesk holds nothing about \(address)")
            }
            data.append(0x0A)
            guard let output else { return FileHandle.standardOutput.write(data) }
            guard FileManager.default.createFile(atPath: output, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw CLIFailure(.failure, "cannot write \(output)")
            }
        }
    }
}
