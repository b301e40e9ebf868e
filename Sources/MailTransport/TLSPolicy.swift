import CCurl

/// How a connection secures itself, decided once from the URL and `allowInsecure`.
///
/// - `imaps` / `smtps`: implicit TLS.
/// - `imap` / `smtp`: STARTTLS is required (`CURLUSESSL_ALL`), unless `allowInsecure` is set,
///   then STARTTLS is tried and plaintext accepted (`CURLUSESSL_TRY`).
/// - `allowInsecure` is refused for any host that is not loopback, whatever the scheme.
/// Certificate and host name verification stay on in every case.
/// - SeeAlso: RFC 3501 §6.2.1 (IMAP STARTTLS), RFC 3207 (SMTP STARTTLS), RFC 8314 §3 (implicit TLS)
enum TLSPolicy: Equatable, Sendable {
    case implicitTLS
    case requireSTARTTLS
    case tryStartTLS

    static func decide(for url: EndpointURL, allowInsecure: Bool) throws(TransportError) -> TLSPolicy {
        if allowInsecure && !url.isLoopback {
            throw TransportError(
                kind: .insecureRefused,
                message: "allowInsecure is only permitted for loopback hosts, not \(url.host)",
                protocolName: url.service == .imap ? "IMAP" : "SMTP")
        }
        if url.implicitTLS { return .implicitTLS }
        return allowInsecure ? .tryStartTLS : .requireSTARTTLS
    }

    /// Value for `CURLOPT_USE_SSL`.
    var curlUseSSL: Int {
        switch self {
        case .implicitTLS, .requireSTARTTLS: Int(CURLUSESSL_ALL.rawValue)
        case .tryStartTLS: Int(CURLUSESSL_TRY.rawValue)
        }
    }
}
