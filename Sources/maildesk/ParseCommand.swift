import ArgumentParser
import Foundation
import HelpdeskCore
import MailMIME
import MaildeskServices

/// `maildesk parse FILE [--json] [--tree]`: show how maildesk reads a message (no config needed).
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parse a message file and print what maildesk sees.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An .eml file, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Include the MIME part tree.")
    var tree = false

    func run() async throws {
        try await reportingErrors {
            let data = try UserFiles.read(file)
            let message = MIMEParser().parse(Array(data))
            let mailClass = MailClassifier().classify(message).mailClass
            if global.json {
                try Output.json(ParsedMessageView(message: message, mailClass: mailClass, includeTree: tree))
                return
            }
            Output.line("Subject:    \(message.subject ?? "(none)")")
            Output.line("From:       \(message.from.map(\.formatted).joined(separator: ", "))")
            Output.line("To:         \(message.to.map(\.formatted).joined(separator: ", "))")
            if !message.cc.isEmpty { Output.line("Cc:         \(message.cc.map(\.formatted).joined(separator: ", "))") }
            Output.line("Date:       \(message.dateRaw ?? "(none)")")
            Output.line("Message-ID: \(message.messageID ?? "(none)")")
            Output.line("Class:      \(mailClass.rawValue)")
            for attachment in message.attachments {
                Output.line("Attachment: \(attachment.filename ?? "(unnamed)") \(attachment.contentType) \(attachment.size) bytes")
            }
            for defect in message.defects {
                Output.line("Defect:     \(defect.code)\(defect.part.map { " [\($0)]" } ?? ""): \(defect.detail)")
            }
            Output.line("")
            Output.text(message.text ?? "(no text)")
        }
    }
}
