import Foundation

/// One `#command` line at the top of an agent's reply (agents' guide in README).
public enum AgentCommand: Sendable, Equatable {
    case close
    case reopen
    case pending
    /// `#assign <agent id|me>`; `me` is resolved to the sender by the caller.
    case assign(String)
    case priority(TicketPriority)
    case category(String)
    case tag(String)
    case ccAdd(String)
    case ccRemove(String)
    /// `#merge <N>`: this ticket into ticket N.
    case merge(Int64)
    /// The whole mail is an internal note, never sent to the customer.
    case note

    /// The text an agent gets when a command is wrong (also printed by the CLI).
    public static let reference = """
        #close (or #solve)        close the ticket
        #reopen                   open it again
        #pending                  wait for the customer
        #assign <agent|me>        assign the ticket
        #priority low|normal|high|urgent
        #category <name>          set the category
        #tag <tag>                add a tag
        #cc add|remove <address>  add or remove a participant
        #merge <N>                merge this ticket into ticket N
        #note                     the whole mail is an internal note
        """
}

/// One command with the line it came from (for error mails and the audit trail).
public struct AgentCommandLine: Sendable, Equatable {
    /// 1-based line number within the reply text.
    public var line: Int
    public var text: String
    public var command: AgentCommand

    public init(line: Int, text: String, command: AgentCommand) {
        self.line = line
        self.text = text
        self.command = command
    }
}

/// The command block of an agent's mail: the commands, and the reply text after them.
public struct AgentCommandBlock: Sendable, Equatable {
    public var lines: [AgentCommandLine]
    /// The reply without its command lines (may be empty: a mail of commands only).
    public var reply: String

    public init(lines: [AgentCommandLine], reply: String) {
        self.lines = lines
        self.reply = reply
    }

    public var commands: [AgentCommand] { lines.map(\.command) }
    public var isNote: Bool { commands.contains(.note) }
}

/// A command line that cannot be carried out: nothing of that mail is applied.
public struct AgentCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number within the reply text.
    public var line: Int
    public var text: String
    public var why: String

    public init(line: Int, text: String, why: String) {
        self.line = line
        self.text = text
        self.why = why
    }

    public var description: String { "line \(line) \"\(text)\": \(why)" }
}

/// Reads the `#command` lines at the top of a reply, before the first other non-blank line. A line
/// there that starts with `#` and a letter is a command; an unknown or malformed one is an error, so a
/// typo never silently sends "#clsoe" to the customer.
public enum AgentCommandParser {
    public static func parse(_ text: String) -> Result<AgentCommandBlock, AgentCommandError> {
        // "\r\n" is one Character, and a newline: split on newline Characters.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var commands: [AgentCommandLine] = []
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.isEmpty { index += 1; continue }
            guard isCommandLine(line) else { break }
            switch command(line) {
            case let .success(parsed): commands.append(AgentCommandLine(line: index + 1, text: line, command: parsed))
            case let .failure(problem): return .failure(AgentCommandError(line: index + 1, text: line, why: problem.text))
            }
            index += 1
        }
        let reply = lines[index...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(AgentCommandBlock(lines: commands, reply: reply))
    }

    static func isCommandLine(_ line: String) -> Bool {
        guard line.hasPrefix("#"), let next = line.dropFirst().unicodeScalars.first else { return false }
        return next.properties.isAlphabetic
    }

    static func command(_ line: String) -> Result<AgentCommand, Problem> {
        let words = line.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let name = words[0].lowercased()
        let args = Array(words.dropFirst())
        func one(_ what: String) -> Result<String, Problem> {
            args.count == 1 ? .success(args[0]) : .failure("#\(name) takes one \(what)")
        }
        func none(_ command: AgentCommand) -> Result<AgentCommand, Problem> {
            args.isEmpty ? .success(command) : .failure("#\(name) takes no argument")
        }
        switch name {
        case "close", "solve": return none(.close)
        case "reopen": return none(.reopen)
        case "pending": return none(.pending)
        case "note": return none(.note)
        case "assign": return one("agent id (or me)").map { .assign($0.lowercased()) }
        case "priority":
            return one("priority").flatMap { value in
                TicketPriority(rawValue: value.lowercased()).map { .success(.priority($0)) }
                    ?? .failure("priority must be low, normal, high or urgent")
            }
        case "category":
            return args.isEmpty ? .failure("#category takes a name") : .success(.category(args.joined(separator: " ")))
        case "tag": return one("tag").map { .tag($0.lowercased()) }
        case "cc":
            guard args.count == 2, ["add", "remove"].contains(args[0].lowercased()) else {
                return .failure("use #cc add <address> or #cc remove <address>")
            }
            let address = args[1].trimmingCharacters(in: ["<", ">"]).lowercased()
            guard isAddress(address) else { return .failure("\(args[1]) is not an e-mail address") }
            return .success(args[0].lowercased() == "add" ? .ccAdd(address) : .ccRemove(address))
        case "merge":
            return one("ticket number").flatMap { value in
                let digits = value.hasPrefix("#") ? String(value.dropFirst()) : value
                return Int64(digits).flatMap { $0 > 0 ? .success(.merge($0)) : nil } ?? .failure("\(value) is not a ticket number")
            }
        default:
            return .failure("unknown command #\(name)")
        }
    }

    /// Why a line is not a valid command.
    struct Problem: Error, ExpressibleByStringInterpolation {
        var text: String
        init(stringLiteral value: String) { text = value }
    }

    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}
