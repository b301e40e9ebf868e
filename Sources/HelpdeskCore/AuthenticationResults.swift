/// One `Authentication-Results` header field: who did the checks (authserv-id) and what came out.
///
/// Lenient: comments (nested, with quoted pairs) and folding are skipped anywhere, values may be
/// quoted, a version may follow the authserv-id, `none` means no checks, a missing authserv-id (as
/// Exchange Online writes it) gives `authservID == ""`, and a resinfo that does not parse is skipped up to
/// the next `;`. Nil only when nothing at all could be read.
/// - SeeAlso: RFC 8601 §2.2 (ABNF), §2.7 (methods and results), §5 (removal of forged fields)
public struct AuthenticationResults: Sendable, Equatable {
    /// One `method=result` statement with its reason and properties.
    public struct Result: Sendable, Equatable {
        /// Lowercased method: `dkim`, `spf`, `dmarc`, `arc`, `auth`, `iprev`, …
        public var method: String
        public var methodVersion: String?
        /// Lowercased result: `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, `policy`, …
        public var result: String
        public var reason: String?
        /// `ptype.property` (lowercased) → value as written: `header.d`, `header.i`, `header.from`,
        /// `smtp.mailfrom`, `smtp.helo`, … (the first occurrence wins).
        public var properties: [String: String]

        public init(method: String, methodVersion: String? = nil, result: String, reason: String? = nil,
                    properties: [String: String] = [:]) {
            self.method = method
            self.methodVersion = methodVersion
            self.result = result
            self.reason = reason
            self.properties = properties
        }

        public func property(_ name: String) -> String? { properties[name.lowercased()] }
    }

    public var authservID: String
    public var version: Int?
    public var results: [Result]

    public init(authservID: String, version: Int? = nil, results: [Result]) {
        self.authservID = authservID
        self.version = version
        self.results = results
    }

    /// Parses a field value (a leading `Authentication-Results:` field name is tolerated).
    public init?(header: String) {
        var scanner = HeaderScanner(Array(header.utf8))
        scanner.skipFieldName("authentication-results")
        scanner.skipCFWS()
        var authservID = ""
        var version: Int?
        let start = scanner.position
        let first = scanner.value(stopAtEquals: true)
        scanner.skipCFWS()
        if scanner.peek == UInt8(ascii: "=") {
            scanner.position = start  // no authserv-id: the field starts with a resinfo
        } else {
            authservID = first
            let versionStart = scanner.position
            if let digits = Int(scanner.run(stopAtEquals: true)), digits >= 0 { version = digits }
            else { scanner.position = versionStart }
        }
        var results: [Result] = []
        var sawNone = false
        while true {
            scanner.skipCFWS()
            if scanner.atEnd { break }
            if scanner.peek == UInt8(ascii: ";") { scanner.position += 1; scanner.skipCFWS() }
            if scanner.atEnd { break }
            if scanner.isNone() {
                sawNone = true
            } else if let result = Self.resinfo(&scanner) {
                results.append(result)
            }
            scanner.skip(until: UInt8(ascii: ";"))
        }
        guard !authservID.isEmpty || !results.isEmpty || sawNone else { return nil }
        self.init(authservID: authservID, version: version, results: results)
    }

    /// `method[/version]=result [reason=value] *(ptype.property=value)`; nil when malformed.
    static func resinfo(_ scanner: inout HeaderScanner) -> Result? {
        let name = scanner.joined(by: UInt8(ascii: "/"))
        scanner.skipCFWS()
        guard !name.isEmpty, scanner.peek == UInt8(ascii: "=") else { return nil }
        scanner.position += 1
        scanner.skipCFWS()
        let result = scanner.value(stopAtEquals: true).lowercased()
        guard !result.isEmpty else { return nil }
        let parts = name.lowercased().split(separator: "/", maxSplits: 1)
        guard !parts.isEmpty, !parts[0].isEmpty else { return nil }
        var entry = Result(method: String(parts[0]), methodVersion: parts.count > 1 ? String(parts[1]) : nil,
                           result: result)
        while true {
            scanner.skipCFWS()
            guard !scanner.atEnd, scanner.peek != UInt8(ascii: ";") else { break }
            let key = scanner.joined(by: UInt8(ascii: ".")).lowercased()
            scanner.skipCFWS()
            guard scanner.peek == UInt8(ascii: "=") else {
                if key.isEmpty { scanner.position += 1 }  // a stray byte: step over it
                continue
            }
            scanner.position += 1
            scanner.skipCFWS()
            let value = scanner.value(stopAtEquals: false)
            if key == "reason" { entry.reason = entry.reason ?? value }
            else if entry.properties[key] == nil { entry.properties[key] = value }
        }
        return entry
    }
}
