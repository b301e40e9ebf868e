import ArgumentParser

/// Ticket, quarantine and entry ids are positive numbers (docs/cli.md#identifiers-and-states): `0` is
/// a usage error (exit 64) with its own one line, not "no ticket #0".
enum PositiveID {
    struct NotPositive: Error, CustomStringConvertible {
        var description: String { "ids are positive numbers" }
    }

    /// For `@Argument(transform: PositiveID.parse)`.
    static func parse(_ text: String) throws -> Int64 {
        guard let id = Int64(text) else { throw ValidationError("not a number") }
        guard id > 0 else { throw NotPositive() }
        return id
    }
}

/// Negative numbers on the command line. ArgumentParser reads `-5` as a short option (and then says
/// "Missing expected argument" or "Missing value"; apple/swift-argument-parser#31), and maildesk has no
/// digit options, so before parsing:
/// - `--option -5d` becomes `--option=-5d`, which the option's own check then judges
///   (`--since takes YYYY-MM-DD or Nd`, `--limit must be at least 1`);
/// - any other `-5` stands where an id goes: one line, `ids are positive numbers`.
/// Nothing after `--` is touched, so a text that starts with a dash goes there.
enum NegativeNumbers {
    static func attached(_ arguments: [String]) throws -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var out: [String] = []
        for argument in arguments[..<end] {
            guard isNegativeNumber(argument) else { out.append(argument); continue }
            guard let option = out.last, option.hasPrefix("--"), option.count > 2, !option.contains("=") else {
                throw ValidationError("\(argument): ids are positive numbers (a text that starts with - goes after --)")
            }
            out[out.count - 1] = option + "=" + argument
        }
        return out + arguments[end...]
    }

    /// `-5`, `-5d`, `-0.5`: a dash and a digit.
    static func isNegativeNumber(_ argument: String) -> Bool {
        let scalars = Array(argument.unicodeScalars.prefix(2))
        return scalars.count == 2 && scalars[0] == "-" && ("0"..."9").contains(scalars[1])
    }
}
