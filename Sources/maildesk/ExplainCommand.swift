import ArgumentParser
import MaildeskStore

/// `maildesk explain <message-id | entry id>`: which rule put a mail on its ticket, what was rejected,
/// and how the mail was classified.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain where a stored mail went and why.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A Message-ID (with or without <>) or an entry id.") var id: String

    func run() async throws {
        try await reportingErrors {
            let app = try global.makeApp(logger: global.makeLogger())
            let id = self.id
            guard let view = try await app.database.writer.read({ try ExplainQueries.explain($0, id: id) }) else {
                throw CLIFailure(.dataError, "no stored mail with Message-ID or entry id \(id)")
            }
            if global.json { return try Output.json(view) }
            Output.line("entry \(view.entryId) on ticket #\(view.ticket)\(view.messageId.map { " (<\($0)>)" } ?? "")")
            Output.line("rule:  \(Self.text(view.explanation["rule"]))")
            if case let .array(rejected)? = view.explanation["rejected"] {
                for case let .object(candidate) in rejected {
                    Output.line("  rejected \(Self.text(candidate["rule"])) \(Self.text(candidate["candidate"])): \(Self.text(candidate["why"]))")
                }
            }
            Output.line("class: \(Self.text(view.explanation["mail_class"]))")
            if case let .array(headers)? = view.explanation["class_headers"] {
                for header in headers { Output.line("  because \(Self.text(header))") }
            }
            if case let .object(agent)? = view.explanation["agent"] {
                let proven = Self.text(agent["verified"]) == "true"
                Output.line("agent: \(Self.text(agent["id"])) " + (proven
                    ? "(proven: \(Self.text(agent["how"])))"
                    : "NOT proven, handled as a participant's mail, no command run: \(Self.text(agent["why"]))"))
            }
            if case let .object(trim)? = view.explanation["trim"] {
                Output.line("trim:  kept \(Self.text(trim["kept_lines"])) of \(Self.text(trim["total_lines"])) lines"
                            + " (cut at \(Self.text(trim["marker"])))")
            }
        }
    }

    static func text(_ value: JSONValue?) -> String {
        switch value {
        case let .string(s)?: s
        case let .number(n)?: n == n.rounded() ? String(Int(n)) : String(n)
        case let .bool(b)?: String(b)
        default: "-"
        }
    }
}
