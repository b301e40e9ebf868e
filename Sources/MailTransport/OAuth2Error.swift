/// A failed OAuth 2.0 access-token refresh, classified so callers know whether waiting helps.
///
/// - `refused`: the provider answered the refresh grant with an error (RFC 6749 §5.2), e.g. `invalid_grant`
///   for a revoked, expired or rotated-out refresh token, or `invalid_client`. Permanent: someone has to get
///   a new refresh token or fix the client settings. `providerError` / `providerErrorDescription` carry the
///   provider's `error` and `error_description` text.
/// - `temporary`: the provider could not be reached, timed out, or answered 5xx / 429 / 408, or a 2xx
///   answer could not be read. Retry later.
/// - `configuration`: the token URL, the refresh token file or the CA file is unusable, or the provider
///   answered another 4xx (e.g. 404 for a wrong token URL).
/// - `tls`: certificate or TLS handshake failure (a wrong CA file or an intercepting proxy).
///
/// The description is one line and never contains a token or the client secret.
public struct OAuth2Error: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case refused, temporary, configuration, tls
    }

    public var kind: Kind
    public var message: String
    /// HTTP status of the token endpoint's answer, when there was one.
    public var httpStatus: Int?
    /// The provider's `error` code (RFC 6749 §5.2), e.g. `invalid_grant`.
    public var providerError: String?
    /// The provider's `error_description`, if any.
    public var providerErrorDescription: String?
    /// The libcurl `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int32?

    public init(kind: Kind, message: String, httpStatus: Int? = nil, providerError: String? = nil,
                providerErrorDescription: String? = nil, curlCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.providerError = providerError
        self.providerErrorDescription = providerErrorDescription
        self.curlCode = curlCode
    }

    /// Whether a later attempt may succeed without anyone changing anything.
    public var isTemporary: Bool { kind == .temporary }

    public var description: String {
        var text = "OAuth2 " + kind.phrase
        if let httpStatus { text += " (HTTP \(httpStatus))" } else if let curlCode { text += " (curl \(curlCode))" }
        text += ": " + message
        if let providerError {
            text += " — provider said: " + providerError
            if let providerErrorDescription, !providerErrorDescription.isEmpty { text += ": " + providerErrorDescription }
        }
        return String(text.map { $0.isNewline ? " " : $0 })
    }

    /// The same failure as a `TransportError` for code that handles mail transport errors: temporary
    /// failures become `.connection` / `.timeout`, a refused grant `.authentication`.
    public var transportError: TransportError {
        let transportKind: TransportError.Kind = switch kind {
        case .temporary: curlCode == 28 ? .timeout : .connection
        case .refused: .authentication
        case .configuration: .invalidURL
        case .tls: .tls
        }
        return TransportError(kind: transportKind, curlCode: curlCode, message: description, protocolName: "OAuth2")
    }

    /// Provider text as printable ASCII (RFC 6749 §5.2 allows only %x20-21 / %x23-5B / %x5D-7E), at most 300 characters.
    static func cleanProviderText(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(300)))
        return kept.isEmpty ? nil : kept
    }
}

extension OAuth2Error.Kind {
    var phrase: String {
        switch self {
        case .refused: "refresh refused"
        case .temporary: "refresh failed, will retry"
        case .configuration: "configuration error"
        case .tls: "TLS error"
        }
    }
}
