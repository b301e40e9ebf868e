import ArgumentParser
import Foundation
import MaildeskStore

/// `maildesk tickets list [--status S] [--category C] [--assignee A] [--customer ADDR] [--since D]`
struct TicketsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tickets.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "open, pending, answered or closed.") var status: String?
    @Option(help: "Category name.") var category: String?
    @Option(help: "Agent id.") var assignee: String?
    @Option(help: "Customer address.") var customer: String?
    @Option(help: "YYYY-MM-DD or Nd (the last N days).") var since: String?

    func validate() throws {
        if let status, !["open", "pending", "answered", "closed"].contains(status) {
            throw ValidationError("--status must be open, pending, answered or closed")
        }
        if let since, SinceParser.parse(since) == nil {
            throw ValidationError("--since takes YYYY-MM-DD or Nd, e.g. 7d")
        }
    }

    struct Listing: Encodable { var tickets: [TicketSummaryView] }

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let filter = TicketFilter(status: status, category: category, assignee: assignee,
                                      customer: customer, since: since.flatMap { SinceParser.parse($0) })
            let tickets = try await app.database.writer.read { try TicketQueries.list($0, filter: filter) }
            if global.json { return try Output.json(Listing(tickets: tickets)) }
            if tickets.isEmpty { return Output.line("no tickets") }
            Output.table(["ID", "STATUS", "PRIORITY", "CUSTOMER", "SUBJECT"], tickets.map {
                ["\($0.id)", $0.status, $0.priority, $0.customer.address, Output.clip($0.subject, 60)]
            })
        }
    }
}

/// `--since YYYY-MM-DD` or `--since Nd`.
enum SinceParser {
    static func parse(_ text: String, now: Date = Date()) -> Date? {
        if text.hasSuffix("d"), let days = Int(text.dropLast()), days >= 0 {
            return now.addingTimeInterval(-Double(days) * 86_400)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }
}
