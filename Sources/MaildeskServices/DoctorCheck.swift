import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `doctor` finding: printed as `ok <name>: <detail>` or `FAIL <name>: <detail>`.
/// `doctor --json` → `{"checks":[{"name","ok","detail"}],"ok":bool}`.
public struct DoctorCheck: Sendable, Encodable, Equatable {
    public var name: String
    public var ok: Bool
    public var detail: String

    public init(_ name: String, ok: Bool, _ detail: String) {
        self.name = name
        self.ok = ok
        self.detail = detail
    }

    /// The one line an admin reads.
    public var line: String { "\(ok ? "ok" : "FAIL") \(name): \(detail)" }
}

/// File-system checks of `doctor`: free space and the permissions of secrets.
public enum DoctorFileChecks {
    public static let warnBelowBytes: UInt64 = 1 << 30
    public static let failBelowBytes: UInt64 = 100 << 20

    /// Free space (for an unprivileged user) on the file system holding `directory`.
    public static func diskSpace(at directory: String) -> DoctorCheck {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else {
            return DoctorCheck("disk", ok: false, "cannot stat \(directory): \(String(cString: strerror(errno)))")
        }
        let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        let text = "\(format(free)) free at \(directory)"
        if free < failBelowBytes { return DoctorCheck("disk", ok: false, text + " (below 100 MiB)") }
        if free < warnBelowBytes { return DoctorCheck("disk", ok: true, text + " (warning: below 1 GiB)") }
        return DoctorCheck("disk", ok: true, text)
    }

    /// A secret must be a regular file, not readable or writable by group or others (mode 0600 or stricter).
    public static func secretPermissions(name: String, path: String) -> DoctorCheck {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return DoctorCheck(name, ok: false, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return DoctorCheck(name, ok: false, "\(path) is a directory, not a file")
        default: return DoctorCheck(name, ok: false, "\(path) is not a regular file")
        }
        let mode = info.st_mode & 0o777
        let octal = String(mode, radix: 8)
        if mode & 0o066 != 0 {
            return DoctorCheck(name, ok: false, "\(path) has mode 0\(octal): group or others can read it; run chmod 600 \(path)")
        }
        return DoctorCheck(name, ok: true, "\(path) mode 0\(octal)")
    }

    static func format(_ bytes: UInt64) -> String {
        let gib = Double(bytes) / Double(1 << 30)
        if gib >= 1 { return String(format: "%.1f GiB", gib) }
        return String(format: "%.0f MiB", Double(bytes) / Double(1 << 20))
    }

    /// `password_file` values of `[imap]` and `[smtp]` in the config text, resolved against the
    /// config file's directory (the loaded configuration keeps only the secret, not its file).
    public static func passwordFiles(configPath: String) -> [(section: String, path: String)] {
        guard let text = try? String(contentsOfFile: configPath, encoding: .utf8) else { return [] }
        let directory = (configPath as NSString).deletingLastPathComponent
        var section = ""
        var found: [(String, String)] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                section = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                continue
            }
            guard section == "imap" || section == "smtp", line.hasPrefix("password_file"),
                  let equals = line.firstIndex(of: "=") else { continue }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            guard !value.isEmpty else { continue }
            found.append((section, value.hasPrefix("/") || directory.isEmpty ? value : directory + "/" + value))
        }
        return found
    }
}
