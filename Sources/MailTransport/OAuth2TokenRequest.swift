import CCurl

/// One refresh token grant request over libcurl: `POST token_url` with an
/// `application/x-www-form-urlencoded` body (RFC 6749 §6, Appendix B), the client authenticating with
/// `client_id` / `client_secret` in the body (RFC 6749 §2.3.1). HTTPS verifies the certificate and host
/// name; plain HTTP is accepted only to a loopback host. Redirects are not followed (RFC 6749 §3.2 has none).
enum OAuth2TokenRequest {
    /// Largest answer read from the token endpoint.
    static let maxResponseBytes = 1 << 20

    static func refresh(_ configuration: OAuth2Configuration, refreshToken: String) throws(OAuth2Error) -> OAuth2TokenResponse {
        let plainHTTP = try configuration.validateTokenURL()
        var fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", configuration.clientID)]
        if let secret = configuration.clientSecret { fields.append(("client_secret", secret)) }
        if let scope = configuration.scope { fields.append(("scope", scope)) }
        let secrets = [refreshToken, configuration.clientSecret].compactMap { $0 }.filter { $0.count >= 3 }
        let host = configuration.tokenHost
        let (outcome, status): (CurlEasy.Outcome, Int)
        do {
            (outcome, status) = try transfer(configuration, plainHTTP: plainHTTP, body: formEncode(fields))
        } catch {
            throw OAuth2Error(kind: .configuration, message: MailEndpoint.scrub(error.message, secrets: secrets),
                              curlCode: error.curlCode)
        }
        guard outcome.succeeded else {
            let text = MailEndpoint.scrub("\(outcome.errorText) (POST to \(host))", secrets: secrets)
            let kind: OAuth2Error.Kind = switch CurlCodeClassifier.kind(for: outcome.code) {
            case .tls: .tls
            case .invalidURL: .configuration
            default: .temporary
            }
            throw OAuth2Error(kind: kind, message: text, curlCode: outcome.code)
        }
        return try OAuth2TokenResponse.parse(status: status, body: outcome.body, host: host)
    }

    private static func transfer(_ configuration: OAuth2Configuration, plainHTTP: Bool, body: String)
        throws(TransportError) -> (CurlEasy.Outcome, Int)
    {
        let easy = try CurlEasy(protocolName: "OAuth2")
        try easy.setString(CURLOPT_PROTOCOLS_STR, plainHTTP ? "http" : "https")
        try easy.setLong(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.setLong(CURLOPT_SSL_VERIFYHOST, 2)
        try easy.setLong(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        if let caFile = configuration.caFile { try easy.setString(CURLOPT_CAINFO, caFile) }
        try easy.setLong(CURLOPT_FOLLOWLOCATION, 0)
        let timeout = max(1, configuration.timeoutSeconds)
        try easy.setLong(CURLOPT_CONNECTTIMEOUT, timeout)
        try easy.setLong(CURLOPT_TIMEOUT, timeout)
        try easy.setLong(CURLOPT_MAXFILESIZE, maxResponseBytes)
        if plainHTTP { try easy.setString(CURLOPT_NOPROXY, "*") }  // a loopback server is never behind a proxy
        try easy.setString(CURLOPT_USERAGENT, "maildesk")
        var headers = curl_slist_append(nil, "Accept: application/json")
        headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded")
        defer { curl_slist_free_all(headers) }
        try easy.setSlist(CURLOPT_HTTPHEADER, headers)
        let outcome = try easy.perform(url: configuration.tokenURL, customRequest: nil, postFields: body)
        try easy.setSlist(CURLOPT_HTTPHEADER, nil)
        return (outcome, easy.responseCode())
    }

    /// `name=value&…` in `application/x-www-form-urlencoded`: ALPHA / DIGIT / `-._*` as they are, space as
    /// `+`, every other UTF-8 byte as `%XX` (RFC 6749 Appendix B, which uses the HTML form serialisation).
    static func formEncode(_ fields: [(String, String)]) -> String {
        fields.map { encodeComponent($0.0) + "=" + encodeComponent($0.1) }.joined(separator: "&")
    }

    static func encodeComponent(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
