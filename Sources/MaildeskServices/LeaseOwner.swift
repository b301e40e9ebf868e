import Foundation

/// Names a process that leases outbox rows: `HOST PID START`, where START is the process start time in
/// clock ticks since boot (`/proc/PID/stat` field 22, proc(5)), so a reused PID is not mistaken for the
/// sender that died.
public struct LeaseOwner: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var pid: Int32
    public var start: UInt64

    /// What a lease holder is, as far as this host can tell.
    public enum Liveness: Sendable, Equatable {
        case alive
        /// Same host, and no process with that PID and start time.
        case gone
        /// Another host, or an owner written before owners were recorded.
        case unknown
    }

    public static let current = LeaseOwner(host: hostName(), pid: getpid(), start: startTime(of: getpid()) ?? 0)

    public var description: String { "\(host) \(pid) \(start)" }

    public init(host: String, pid: Int32, start: UInt64) {
        self.host = host
        self.pid = pid
        self.start = start
    }

    /// Parses the stored form; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 3, let pid = Int32(parts[1]), let start = UInt64(parts[2]) else { return nil }
        self.init(host: String(parts[0]), pid: pid, start: start)
    }

    public static func liveness(of stored: String?) -> Liveness {
        guard let stored, let owner = LeaseOwner(stored), owner.host == current.host else { return .unknown }
        guard let start = startTime(of: owner.pid) else { return .gone }
        return start == owner.start ? .alive : .gone
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: " ", with: "_")
    }

    /// Field 22 of `/proc/PID/stat`; the name in field 2 may hold spaces and parentheses, so fields are
    /// counted after its last `)`.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: field 3 (state) is fields[0], so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
