import ArgumentParser

/// `maildesk customers …`
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "Customers: history, organisation, and their data (export, erase).",
        subcommands: [CustomersListCommand.self, CustomersShowCommand.self, CustomersExportCommand.self,
                      CustomersEraseCommand.self],
        defaultSubcommand: CustomersListCommand.self)
}
