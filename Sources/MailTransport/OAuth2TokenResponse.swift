import Foundation

/// A successful token endpoint answer (RFC 6749 §5.1).
struct OAuth2TokenResponse: Sendable, Equatable {
    var accessToken: String
    /// Seconds the access token is valid for; nil when the provider did not say.
    var expiresIn: TimeInterval?
    /// A new refresh token when the provider rotates it (RFC 6749 §6); nil keeps the old one.
    var refreshToken: String?
    var scope: String?

    /// Reads the endpoint's answer: HTTP 200 with a JSON object, or an error object (RFC 6749 §5.2).
    /// Token values and the client secret never reach the error text.
    /// - Throws: `.refused` for 400/401 with an `error`; `.temporary` for 5xx, 429, 408 and an unreadable
    ///   2xx body; `.configuration` for any other status.
    static func parse(status: Int, body: [UInt8], host: String) throws(OAuth2Error) -> OAuth2TokenResponse {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        guard (200...299).contains(status) else { throw failure(status: status, object: object, host: host) }
        guard let object else {
            throw OAuth2Error(kind: .temporary, message: "\(host) answered without a JSON object", httpStatus: status)
        }
        guard let accessToken = object["access_token"] as? String, !accessToken.isEmpty else {
            throw OAuth2Error(kind: .temporary, message: "\(host) answered without an access_token", httpStatus: status)
        }
        // RFC 6749 §7.1: the client must understand the token type; only bearer tokens can go into XOAUTH2.
        if let type = object["token_type"] as? String, type.lowercased() != "bearer" {
            throw OAuth2Error(kind: .configuration, message: "\(host) issued a \"\(OAuth2Error.cleanProviderText(type) ?? "?")\" "
                + "token; only Bearer tokens (RFC 6750) can be used", httpStatus: status)
        }
        guard accessToken.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw OAuth2Error(kind: .temporary, message: "\(host) issued an access token with characters outside "
                + "printable ASCII", httpStatus: status)
        }
        let refresh = (object["refresh_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        if let refresh, !refresh.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
            throw OAuth2Error(kind: .temporary, message: "\(host) issued a refresh token with characters outside "
                + "printable ASCII", httpStatus: status)
        }
        return OAuth2TokenResponse(accessToken: accessToken, expiresIn: seconds(object["expires_in"]),
                                   refreshToken: refresh, scope: object["scope"] as? String)
    }

    /// `expires_in` as a positive number of seconds; some providers send it as a string.
    static func seconds(_ value: Any?) -> TimeInterval? {
        let number: Double? = switch value {
        case let string as String: Double(string.trimmingCharacters(in: .whitespaces))
        case let number as NSNumber: number.doubleValue
        default: nil
        }
        guard let number, number.isFinite, number > 0 else { return nil }
        return number
    }

    static func failure(status: Int, object: [String: Any]?, host: String) -> OAuth2Error {
        let code = OAuth2Error.cleanProviderText(object?["error"] as? String)
        let text = OAuth2Error.cleanProviderText(object?["error_description"] as? String)
        switch status {
        case 400...401 where code != nil:
            return OAuth2Error(kind: .refused, message: "\(host) refused the refresh token grant", httpStatus: status,
                               providerError: code, providerErrorDescription: text)
        case 408, 429, 500...599:
            return OAuth2Error(kind: .temporary, message: "\(host) is unavailable", httpStatus: status,
                               providerError: code, providerErrorDescription: text)
        default:
            return OAuth2Error(kind: .configuration, message: "\(host) answered HTTP \(status) (is token_url right?)",
                               httpStatus: status, providerError: code, providerErrorDescription: text)
        }
    }
}
