import ArgumentParser
import MaildeskStore

/// `maildesk customers list [--json]`
struct CustomersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List customers, most recent contact first.")

    @OptionGroup var global: GlobalOptions

    struct Listing: Encodable { var customers: [CustomerSummaryView] }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let customers = try await app.database.writer.read { try CustomerQueries.list($0) }
            if global.json { return try Output.json(Listing(customers: customers)) }
            Output.table(["CUSTOMER", "NAME", "ORGANISATION", "TICKETS", "LAST CONTACT"], customers.map {
                [$0.address, Output.clip($0.name ?? "-", 28), Output.clip($0.organisation, 24), String($0.tickets), $0.lastContact]
            })
        }
    }
}
