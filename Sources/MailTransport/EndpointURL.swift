/// A validated mail server URL: scheme, host, optional port and percent-decoded path.
///
/// Parsing works on the URL's bytes and accepts only what the transports need:
/// `imap`, `imaps`, `smtp`, `smtps`; no user-info (credentials travel separately), no query or fragment.
/// - SeeAlso: RFC 5092 §3 (IMAP URL scheme), RFC 3986 §3 (generic syntax)
struct EndpointURL: Equatable, Sendable {
    enum Service: Sendable { case imap, smtp }

    /// Lower-cased scheme.
    var scheme: String
    /// Host without IPv6 brackets.
    var host: String
    var port: Int?
    /// Percent-decoded path without the leading "/"; empty when absent.
    var path: String
    var service: Service

    /// `imaps` / `smtps`: TLS from the first byte.
    var implicitTLS: Bool { scheme.hasSuffix("s") }

    /// `scheme://host[:port]` with brackets around IPv6 literals, for building request URLs.
    var base: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart)" + (port.map { ":\($0)" } ?? "")
    }

    /// `host:port` for messages and log metadata.
    var hostAndPort: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return hostPart + ":" + String(port ?? defaultPort)
    }

    var defaultPort: Int {
        switch scheme {
        case "imaps": 993
        case "imap": 143
        case "smtps": 465
        default: 25
        }
    }

    /// Loopback: `localhost`, 127.0.0.0/8 or `::1`.
    var isLoopback: Bool { Self.isLoopbackHost(host) }

    static func isLoopbackHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") { return true }
        if lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) })
        else { return false }
        return octets.allSatisfy({ Int($0)! <= 255 }) && octets[0] == "127"
    }

    static func parse(_ text: String, service: Service) throws(TransportError) -> EndpointURL {
        let name = service == .imap ? "IMAP" : "SMTP"
        func invalid(_ why: String) -> TransportError {
            TransportError(kind: .invalidURL, message: "\(why) in URL \"\(text)\"", protocolName: name)
        }
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[colon...].starts(with: Array("://".utf8))
        else { throw invalid("missing scheme://") }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        let allowed = service == .imap ? ["imap", "imaps"] : ["smtp", "smtps"]
        guard allowed.contains(scheme) else {
            throw invalid("unsupported scheme \"\(scheme)\" (expected \(allowed.joined(separator: " or ")))")
        }
        let rest = bytes[(colon + 3)...]
        if rest.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            throw invalid("query or fragment not allowed")
        }
        let slash = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        let authority = rest[..<slash]
        if authority.contains(UInt8(ascii: "@")) {
            throw invalid("credentials not allowed (use username/password settings)")
        }
        let (host, port) = try splitAuthority(Array(authority), invalid: invalid)
        var pathBytes = Array(rest[slash...].dropFirst())
        while pathBytes.last == UInt8(ascii: "/") { pathBytes.removeLast() }
        guard let path = percentDecode(pathBytes) else { throw invalid("bad percent-encoding in path") }
        return EndpointURL(scheme: scheme, host: host, port: port, path: path, service: service)
    }

    private static func splitAuthority(
        _ authority: [UInt8], invalid: (String) -> TransportError
    ) throws(TransportError) -> (String, Int?) {
        var hostBytes = authority[...]
        var portBytes: ArraySlice<UInt8>? = nil
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { throw invalid("unclosed IPv6 literal") }
            hostBytes = authority[1..<close]
            let after = authority[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { throw invalid("garbage after IPv6 literal") }
                portBytes = after.dropFirst()
            }
            guard !hostBytes.isEmpty, hostBytes.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { throw invalid("bad IPv6 literal") }
        } else {
            if let c = authority.firstIndex(of: UInt8(ascii: ":")) {
                hostBytes = authority[..<c]
                portBytes = authority[(c + 1)...]
            }
            guard !hostBytes.isEmpty, hostBytes.allSatisfy(isHostNameByte) else { throw invalid("bad host name") }
        }
        var port: Int? = nil
        if let portBytes {
            guard !portBytes.isEmpty, portBytes.count <= 5, portBytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let value = Int(String(decoding: portBytes, as: UTF8.self)), (1...65535).contains(value)
            else { throw invalid("bad port") }
            port = value
        }
        return (String(decoding: hostBytes, as: UTF8.self), port)
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private static func isHostNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
    }

    /// Decodes `%XX` escapes; nil on a malformed escape or invalid UTF-8.
    /// - SeeAlso: RFC 3986 §2.1
    static func percentDecode(_ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]),
                      let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Escapes everything except RFC 3986 unreserved characters, so a mailbox name is one path segment.
    /// - SeeAlso: RFC 3986 §2.3
    static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in text.utf8 {
            if isHostNameByte(b) || b == UInt8(ascii: "~") { out.append(b) } else { out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
