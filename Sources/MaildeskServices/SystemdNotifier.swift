import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells the service manager how the daemon is doing: one `AF_UNIX`/`SOCK_DGRAM` datagram of
/// newline-separated `KEY=VALUE` assignments per call, sent to the socket named by `$NOTIFY_SOCKET`
/// (a file-system path, or an abstract socket when it starts with `@`). Without `$NOTIFY_SOCKET`
/// every call is a no-op, so `maildesk run` behaves the same outside systemd.
///
/// - SeeAlso: sd_notify(3) (`READY=1`, `RELOADING=1`, `STOPPING=1`, `STATUS=`, `WATCHDOG=1`,
///   `MONOTONIC_USEC=`), systemd.service(5) `Type=notify`, `WatchdogSec=`, `NotifyAccess=`.
public struct SystemdNotifier: Sendable {
    /// The socket address from `$NOTIFY_SOCKET`; `nil` when unset, empty or of an unsupported kind.
    public let socketPath: String?
    /// How often to send `WATCHDOG=1`: half of `$WATCHDOG_USEC`, when that is set and
    /// `$WATCHDOG_PID` is unset or names this process.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.hasPrefix("/") || (path.hasPrefix("@") && path.utf8.count > 1) ? path : nil
        var interval: Duration?
        if let usec = environment["WATCHDOG_USEC"].flatMap({ UInt64($0) }), usec > 0 {
            let watchdogPID = environment["WATCHDOG_PID"].flatMap { Int32($0) }
            if watchdogPID == nil || watchdogPID == pid {
                interval = .microseconds(Int64(clamping: usec / 2))
            }
        }
        watchdogInterval = interval
    }

    /// Whether notifications go anywhere.
    public var isEnabled: Bool { socketPath != nil }

    /// Startup finished; `status` becomes the unit's `STATUS=` line.
    public func ready(status: String? = nil) throws {
        try send(["READY=1"] + Self.statusLine(status))
    }

    /// A free-form status line shown by `systemctl status` (one line; newlines become spaces).
    public func status(_ text: String) throws {
        try send(Self.statusLine(text))
    }

    /// Keep-alive ping for `WatchdogSec=`.
    public func watchdog() throws {
        try send(["WATCHDOG=1"])
    }

    /// The daemon is shutting down.
    public func stopping(status: String? = nil) throws {
        try send(["STOPPING=1"] + Self.statusLine(status))
    }

    /// A reload started; `READY=1` must follow when it is done. `MONOTONIC_USEC` is CLOCK_MONOTONIC
    /// now, as `Type=notify-reload` requires.
    public func reloading(status: String? = nil) throws {
        try send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"] + Self.statusLine(status))
    }

    /// Sends the assignments as one datagram. No-op when `$NOTIFY_SOCKET` is unset.
    public func send(_ assignments: [String]) throws {
        guard let socketPath, !assignments.isEmpty else { return }
        try Self.sendDatagram(Array((assignments.joined(separator: "\n") + "\n").utf8), to: socketPath)
    }

    static func statusLine(_ text: String?) -> [String] {
        guard let text else { return [] }
        return ["STATUS=" + text.replacingOccurrences(of: "\n", with: " ")]
    }

    /// CLOCK_MONOTONIC in microseconds.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// One `sendto` on a fresh datagram socket, waiting at most 2 s for room in the receiver's queue. An abstract address (`@name`) is `\0name` without a
    /// trailing NUL, and the address length counts exactly the name's bytes.
    static func sendDatagram(_ payload: [UInt8], to path: String) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else { throw NotifyError(message: "NOTIFY_SOCKET path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in name.enumerated() { buffer[index] = byte }
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + name.count + (abstract ? 0 : 1)

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw NotifyError(message: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // Blocking, but bounded: a manager that does not drain its socket delays us at most 2 s.
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let sent = payload.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, socklen_t(length))
                }
            }
        }
        guard sent == payload.count else {
            throw NotifyError(message: "sendto \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Sending a notification failed (the daemon logs it and carries on).
    public struct NotifyError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
