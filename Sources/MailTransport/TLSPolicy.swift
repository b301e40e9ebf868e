import CCurl

/// How a connection secures itself, decided once from the URL and `allowInsecure`.
///
/// - `imaps` / `smtps`: implicit TLS.
/// - `imap` / `smtp`: STARTTLS is required (`CURLUSESSL_ALL`). Plaintext is accepted only to a loopback
///   host or with `allowInsecure` (docs/admin-guide.md#configuration-reference: `allow_insecure`); even then
///   STARTTLS is used whenever the server offers it (`CURLUSESSL_TRY`).
/// Certificate and host name verification stay on in every case.
/// - SeeAlso: RFC 3501 §6.2.1 (IMAP STARTTLS), RFC 3207 (SMTP STARTTLS), RFC 8314 §3 (implicit TLS)
enum TLSPolicy: Equatable, Sendable {
    case implicitTLS
    case requireSTARTTLS
    case tryStartTLS

    static func decide(for url: EndpointURL, allowInsecure: Bool) throws(TransportError) -> TLSPolicy {
        if url.implicitTLS { return .implicitTLS }
        return allowInsecure || url.isLoopback ? .tryStartTLS : .requireSTARTTLS
    }

    /// Value for `CURLOPT_USE_SSL`.
    var curlUseSSL: Int {
        switch self {
        case .implicitTLS, .requireSTARTTLS: Int(CURLUSESSL_ALL.rawValue)
        case .tryStartTLS: Int(CURLUSESSL_TRY.rawValue)
        }
    }
}
