import ArgumentParser
import MaildeskStore

/// `maildesk tickets show N`
struct TicketsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a ticket with its entries.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket number (the N of [#N]).", transform: PositiveID.parse) var id: Int64

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let id = self.id
            guard let detail = try await app.database.writer.read({ try TicketQueries.detail($0, id: id) }) else {
                throw CLIFailure(.dataError, "no ticket #\(id)")
            }
            if global.json { return try Output.json(detail) }
            let t = detail.ticket
            Output.line("#\(t.id) \(t.subject)")
            Output.line("status \(t.status) · priority \(t.priority) · category \(t.category ?? "-") · assignee \(t.assignee ?? "-")"
                        + (t.dueAt.map { " · due \($0)" } ?? ""))
            Output.line("customer \(t.customer.name.map { "\($0) " } ?? "")<\(t.customer.address)> · created \(t.createdAt)")
            Output.line("participants: " + detail.participants.map(\.address).joined(separator: ", "))
            for entry in detail.entries {
                Output.line("")
                let by = entry.author.map { " by \($0)" } ?? ""
                Output.line("── \(entry.kind) #\(entry.id)\(by) from \(entry.from?.address ?? "-") at \(entry.createdAt)")
                for attachment in entry.attachments {
                    Output.line("   📎 \(attachment.name ?? "(unnamed)") (\(attachment.contentType), \(attachment.size) bytes)")
                }
                Output.text(entry.body.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
    }
}

import Foundation
