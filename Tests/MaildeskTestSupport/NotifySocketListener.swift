import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for systemd's notification socket: an AF_UNIX datagram socket bound to a path in a
/// temporary directory (or an abstract name), read with a timeout.
public final class NotifySocketListener: @unchecked Sendable {
    public let address: String
    private let fd: Int32

    /// `abstract`: bind `@name` in the abstract namespace instead of a file.
    public init(directory: String, abstract: Bool = false) throws {
        address = abstract ? "@maildesk-test-\(UUID().uuidString)" : directory + "/notify.sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket failed") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var name = Array(address.utf8)
        if abstract { name[0] = 0 }
        withUnsafeMutableBytes(of: &addr.sun_path) { buffer in
            for (index, byte) in name.enumerated() { buffer[index] = byte }
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + name.count + (abstract ? 0 : 1)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard bound == 0 else { throw Failure("bind \(address): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(fd)
        if address.hasPrefix("/") { unlink(address) }
    }

    /// The next datagram, or nil after `timeout` seconds. Waits with `Task.sleep` between
    /// non-blocking reads, so it never holds a thread of the (small) cooperative pool.
    public func receive(timeout: Double) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n >= 0 { return String(decoding: buffer[..<n], as: UTF8.self) }
            guard Date() < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Reads datagrams until one satisfies `match` (returned) or `timeout` seconds pass (nil);
    /// every datagram read is appended to `seen`.
    public func receive(until match: (String) -> Bool, timeout: Double, seen: inout [String]) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while let message = await receive(timeout: deadline.timeIntervalSinceNow) {
            seen.append(message)
            if match(message) { return message }
        }
        return nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}
