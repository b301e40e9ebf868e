import ArgumentParser
import MaildeskStore

/// `maildesk customers show ADDR [--organisation NAME]`
struct CustomersShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A customer's profile and ticket history.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's address.") var address: String
    @Option(help: "Set the organisation shown for this customer (\"\" goes back to the mail domain).")
    var organisation: String?

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let (address, organisation) = (self.address.trimmingCharacters(in: ["<", ">", " "]), self.organisation)
            let detail = try await app.database.writer.write { db -> CustomerDetailView? in
                if let organisation {
                    try CustomerQueries.setOrganisation(db, address: address, organisation: organisation.isEmpty ? nil : organisation)
                }
                return try CustomerQueries.detail(db, address: address)
            }
            guard let detail else { throw CLIFailure(.dataError, "no customer \(address)") }
            if global.json { return try Output.json(detail) }
            let c = detail.customer
            Output.line("\(c.name.map { "\($0) " } ?? "")<\(c.address)> · \(c.organisation)")
            if detail.names.count > 1 { Output.line("also known as: " + detail.names.dropFirst().joined(separator: ", ")) }
            Output.line("first contact \(c.firstContact) · last contact \(c.lastContact) · \(c.tickets) ticket(s)")
            Output.line("reopened \(detail.reopenCount)× · auto-answers \(detail.autoAnswers), accepted \(detail.autoAnswersAccepted)")
            Output.line("")
            Output.table(["ID", "STATUS", "CREATED", "SUBJECT"], detail.ticketList.map {
                [String($0.id), $0.status, $0.createdAt, Output.clip($0.subject, 60)]
            })
        }
    }
}
