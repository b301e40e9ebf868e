import Foundation

/// What a `doctor` check or a status line may show about an `OAuth2TokenSource`: times, counts and file
/// facts, never a token value or the client secret.
public struct OAuth2TokenState: Sendable {
    /// When this snapshot was taken (the token source's clock).
    public var now: Date
    public var tokenURL: String
    public var refreshTokenFile: String
    /// When the cached access token was obtained (the start of its refresh request); nil before the first refresh.
    public var obtainedAt: Date?
    /// When the cached access token expires (`obtainedAt` + `expires_in`, RFC 6749 §5.1).
    public var expiresAt: Date?
    /// Successful refreshes by this token source.
    public var refreshCount: Int
    /// When the provider last rotated the refresh token (and it was saved).
    public var lastRotatedAt: Date?
    /// The last failed refresh since the last successful one.
    public var lastError: OAuth2Error?
    public var lastErrorAt: Date?
    /// A rotated refresh token could not be written to `refreshTokenFile` yet (it is kept in memory and
    /// written on the next `accessToken()`); the file then holds a token the provider no longer accepts.
    public var rotatedTokenUnsaved: Bool
    /// The refresh token file's modification time and permission bits; nil when it cannot be examined.
    public var refreshTokenFileModified: Date?
    public var refreshTokenFileMode: Int?

    /// Seconds since the refresh token file last changed (a rotation, or an administrator's edit).
    public var refreshTokenFileAge: TimeInterval? { refreshTokenFileModified.map { now.timeIntervalSince($0) } }

    /// Whether a cached access token exists and has not expired.
    public var hasValidAccessToken: Bool { expiresAt.map { $0 > now } ?? false }

    /// Group or other may read or write the refresh token file.
    public var refreshTokenFileTooOpen: Bool { (refreshTokenFileMode ?? 0) & 0o077 != 0 }

    /// One line for `doctor`, e.g. `access token valid for 3540 s (obtained 60 s ago); refresh_token_file
    /// /var/lib/maildesk/imap.refresh (0600) changed 2 h ago`.
    public var summary: String {
        var parts: [String] = []
        if let expiresAt, let obtainedAt, expiresAt > now {
            parts.append("access token valid for \(Int(expiresAt.timeIntervalSince(now))) s "
                + "(obtained \(Self.age(now.timeIntervalSince(obtainedAt))) ago)")
        } else if expiresAt != nil {
            parts.append("access token expired")
        } else {
            parts.append("no access token yet")
        }
        if let age = refreshTokenFileAge, let mode = refreshTokenFileMode {
            parts.append("refresh_token_file \(refreshTokenFile) (\(String(mode, radix: 8))) changed \(Self.age(age)) ago")
        } else {
            parts.append("refresh_token_file \(refreshTokenFile) cannot be examined")
        }
        if rotatedTokenUnsaved { parts.append("a rotated refresh token is not saved yet") }
        if let lastError { parts.append("last refresh failed: \(lastError)") }
        return parts.joined(separator: "; ")
    }

    /// `42 s`, `5 min`, `3 h`, `2 d`.
    static func age(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s < 120 { return "\(s) s" }
        if s < 7200 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h" }
        return "\(s / 86400) d"
    }
}
