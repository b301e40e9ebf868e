import ArgumentParser
import Foundation

/// `maildesk customers erase ADDR [--yes]`: removes their personal data everywhere (see README "Privacy").
struct CustomersEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase", abstract: "Erase a customer's personal data everywhere (aggregate counts are kept).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's address.") var address: String
    @Flag(help: "Do not ask for confirmation on a terminal.") var yes = false

    func run() async throws {
        try await reportingErrors {
            let address = self.address.trimmingCharacters(in: ["<", ">", " "]).lowercased()
            if !yes, isatty(STDIN_FILENO) == 1 {
                FileHandle.standardError.write(Data("Erase everything about \(address)? This cannot be undone. Type the address to confirm: ".utf8))
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == address else {
                    throw CLIFailure(.usage, "not confirmed; nothing erased")
                }
            }
            let app = try global.makeApp(logger: global.makeLogger())
            guard try await app.holdsData(about: address) else {
                throw CLIFailure(.dataError, "maildesk holds nothing about \(address); nothing erased")
            }
            let counts = try await app.eraseCustomer(address)
            if global.json { return try Output.json(counts) }
            Output.line("erased \(address): \(counts.tickets) ticket(s) anonymised, \(counts.entries) entries and "
                        + "\(counts.rawMessages) raw message(s) blanked, \(counts.attachments) attachment(s) removed, "
                        + "\(counts.mentions) mention(s) replaced; database vacuumed")
        }
    }
}
