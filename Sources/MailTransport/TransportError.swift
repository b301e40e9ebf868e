/// A failed IMAP or SMTP operation, classified so callers can decide whether to retry.
///
/// The description is one line and never contains a password or bearer token: credentials are never put
/// into a URL, and connections scrub them from any curl message before building the error.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case invalidURL, insecureRefused, connection, tls, authentication, protocolError
        case permanentRejection, temporaryRejection, timeout
    }

    public var kind: Kind
    /// The libcurl `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int32?
    public var message: String
    /// The server's reply line(s) explaining the failure, when it sent any.
    public var serverReply: String?
    /// "IMAP" or "SMTP"; only used to prefix the description.
    public var protocolName: String

    public init(
        kind: Kind,
        curlCode: Int32? = nil,
        message: String,
        serverReply: String? = nil,
        protocolName: String = "mail"
    ) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.serverReply = serverReply
        self.protocolName = protocolName
    }

    /// Whether retrying later may succeed: network trouble, timeouts and 4xx replies are temporary;
    /// TLS, authentication, configuration, protocol errors and 5xx replies are not.
    public var isTemporary: Bool {
        switch kind {
        case .connection, .timeout, .temporaryRejection: true
        case .invalidURL, .insecureRefused, .tls, .authentication, .protocolError, .permanentRejection: false
        }
    }

    public var description: String {
        var text = "\(protocolName) \(kind.phrase)"
        if let curlCode { text += " (curl \(curlCode))" }
        text += ": \(message)"
        if let serverReply, !serverReply.isEmpty { text += " — server replied: \(serverReply)" }
        return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}

extension TransportError.Kind {
    /// Human wording used in descriptions.
    var phrase: String {
        switch self {
        case .invalidURL: "invalid URL"
        case .insecureRefused: "insecure connection refused"
        case .connection: "connection error"
        case .tls: "TLS error"
        case .authentication: "authentication failed"
        case .protocolError: "protocol error"
        case .permanentRejection: "permanent rejection"
        case .temporaryRejection: "temporary rejection"
        case .timeout: "timeout"
        }
    }
}
