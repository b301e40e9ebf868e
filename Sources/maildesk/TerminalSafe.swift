/// Visible escapes for the characters a terminal acts on instead of showing (docs/cli.md#escaping).
///
/// - C0 controls U+0000–U+001F and DEL (ECMA-48 §5.2): `\e` for ESC, `\r`, `\n`, `\t`, else `\xHH`.
///   ESC starts CSI/OSC sequences (screen clearing, window titles, OSC 8 hyperlinks); CR and LF
///   forge lines and table rows; BEL ends an OSC string.
/// - C1 controls U+0080–U+009F (ECMA-48 §5.3; U+009B is a one-character CSI): `\u{9b}`.
/// - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (Unicode §5.8): `\u{2028}`.
/// - The bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069
///   (UAX #9 §2; "Trojan Source", CVE-2021-42574), which reorder what follows: `\u{202e}`.
///
/// Backslashes are left alone, so ordinary text reads as before; JSON output is the exact value.
enum TerminalSafe {
    /// One line: every character above is escaped, line breaks too.
    static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out, keepingTabs: false) }
        return String(out)
    }

    /// Several lines: LF and CRLF stay line breaks and tabs stay; everything else is escaped as in
    /// ``line(_:)`` (a lone CR, which would overwrite the line, included).
    static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" {
                out.append(scalar)
            } else if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                continue  // CRLF: the LF that follows is the break
            } else {
                append(scalar, to: &out, keepingTabs: true)
            }
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView, keepingTabs: Bool) {
        guard needsEscape(scalar) else { return out.append(scalar) }
        let escape: String
        switch scalar.value {
        case 0x1B: escape = "\\e"
        case 0x0D: escape = "\\r"
        case 0x0A: escape = "\\n"
        case 0x09: escape = keepingTabs ? "\t" : "\\t"
        case 0x00...0x1F, 0x7F:
            let hex = String(scalar.value, radix: 16)
            escape = "\\x" + (hex.count < 2 ? "0" : "") + hex
        default:
            escape = "\\u{" + String(scalar.value, radix: 16) + "}"
        }
        out.append(contentsOf: escape.unicodeScalars)
    }
}
