import Foundation

/// A scripted HTTP/1.1 server on 127.0.0.1 (random port) standing in for an OAuth 2.0 token endpoint:
/// each request is recorded and answered by `respond`, one connection per request (`Connection: close`).
/// Call `stop()` when done (the accept thread keeps the stub alive until then).
final class TokenEndpointStub: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]  // lower-cased names
        var body: String
        /// The `application/x-www-form-urlencoded` body decoded (`+` is a space, `%XX` a byte).
        var form: [String: String] {
            var fields: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                    $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "?"
                }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
    }

    struct Response: Sendable {
        var status: Int
        var body: String
        /// Seconds to wait before answering.
        var delay: TimeInterval = 0
    }

    let port: Int
    /// Closed when the stub goes away (after `stop`, the accept loop lets go of it).
    private let listener: LoopbackListenerSocket
    private let descriptor: Int32
    private let lock = NSLock()
    private var recorded: [Request] = []
    private let respond: @Sendable (Request, Int) -> Response

    /// `respond` gets the request and its 0-based number.
    init(_ respond: @escaping @Sendable (Request, Int) -> Response) throws {
        self.respond = respond
        listener = try LoopbackListenerSocket(backlog: 16)
        descriptor = listener.descriptor
        port = listener.port
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)/token" }

    var requests: [Request] { lock.withLock { recorded } }

    /// Stops accepting; `accept` returns once the socket is shut down.
    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        guard let request = Self.readRequest(client) else { return }
        let number = lock.withLock { () -> Int in
            recorded.append(request)
            return recorded.count - 1
        }
        let response = respond(request, number)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let body = Array(response.body.utf8)
        let head = "HTTP/1.1 \(response.status) Stub\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private static func readRequest(_ client: Int32) -> Request? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int? = nil
        var needed = Int.max
        while data.count < needed {
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return nil }
            data += buffer[..<n]
            if headerEnd == nil, let end = data.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound {
                headerEnd = end
                let head = String(decoding: data[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                needed = end + length
            }
        }
        guard let headerEnd else { return nil }
        let lines = String(decoding: data[..<headerEnd], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers,
                       body: String(decoding: data[headerEnd...], as: UTF8.self))
    }
}
