import CCurl

/// One libcurl easy handle with its callbacks wired to Swift buffers.
///
/// The handle is kept for the life of a connection object so libcurl reuses the server connection
/// between transfers. Not thread-safe: one thread at a time, like the connection that owns it.
final class CurlEasy {
    /// What one `curl_easy_perform` produced.
    struct Outcome {
        var code: Int32
        /// `CURLOPT_ERRORBUFFER` text, or `curl_easy_strerror` when the buffer is empty.
        var errorText: String
        /// Bytes delivered to the write callback (message body or untagged IMAP lines).
        var body: [UInt8]
        /// Server reply lines seen by the debug callback (`CURLINFO_HEADER_IN` only).
        var replyLines: [[UInt8]]
        var succeeded: Bool { code == 0 }
    }

    let handle: UnsafeMutableRawPointer
    private let buffers = CurlTransferBuffers()
    private let errorBuffer: UnsafeMutablePointer<CChar>
    let protocolName: String

    init(protocolName: String) throws(TransportError) {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw TransportError(kind: .protocolError, message: "curl_easy_init failed", protocolName: protocolName)
        }
        self.handle = handle
        self.protocolName = protocolName
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try wireCallbacks()
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    private func wireCallbacks() throws(TransportError) {
        let context = Unmanaged.passUnretained(buffers).toOpaque()
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(ccurl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let n = size * count
            guard n > 0, let data else { return n }
            let buffers = Unmanaged<CurlTransferBuffers>.fromOpaque(context).takeUnretainedValue()
            buffers.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n))
            return n
        }, "WRITEFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "WRITEDATA")
        try check(ccurl_setopt_read_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let context, let buffer else { return 0 }
            let buffers = Unmanaged<CurlTransferBuffers>.fromOpaque(context).takeUnretainedValue()
            return buffers.readUpload(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }, "READFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_READDATA, context), "READDATA")
        try check(ccurl_setopt_debug_callback(handle) { _, type, data, size, context in
            // Only incoming server replies are kept: outgoing lines may carry AUTH secrets.
            guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
            let buffers = Unmanaged<CurlTransferBuffers>.fromOpaque(context).takeUnretainedValue()
            buffers.appendReply(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }, "DEBUGFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context), "DEBUGDATA")
        try setLong(CURLOPT_VERBOSE, 1)  // the debug callback is only called in verbose mode
        try setLong(CURLOPT_NOSIGNAL, 1)
    }

    /// Options shared by IMAP and SMTP: protocol allow-list, TLS policy and verification, credentials, timeouts.
    ///
    /// A bearer token selects SASL XOAUTH2 through libcurl's `AUTH=XOAUTH2` login option (IMAP AUTHENTICATE,
    /// RFC 3501 §6.2.2; SMTP AUTH, RFC 4954): libcurl would otherwise prefer OAUTHBEARER (RFC 7628) when a
    /// server offers both, and not every provider accepts that. No password is sent then.
    func configure(endpoint: MailEndpoint, policy: TLSPolicy, protocols: String) throws(TransportError) {
        try setString(CURLOPT_PROTOCOLS_STR, protocols)
        try setLong(CURLOPT_USE_SSL, policy.curlUseSSL)
        try setLong(CURLOPT_SSL_VERIFYPEER, 1)
        try setLong(CURLOPT_SSL_VERIFYHOST, 2)
        try setLong(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        if let caFile = endpoint.caFile { try setString(CURLOPT_CAINFO, caFile) }
        if let username = endpoint.username { try setString(CURLOPT_USERNAME, username) }
        if let bearer = endpoint.bearerToken {
            guard endpoint.username != nil else {
                throw TransportError(kind: .authentication, message: "a bearer token needs a username (XOAUTH2 names the user)",
                                     protocolName: protocolName)
            }
            try setString(CURLOPT_XOAUTH2_BEARER, bearer)
            try setString(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
        } else if let password = endpoint.password {
            try setString(CURLOPT_PASSWORD, password)
        }
        let timeout = max(1, endpoint.timeoutSeconds)
        try setLong(CURLOPT_CONNECTTIMEOUT, timeout)
        try setLong(CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout)
        try setLong(CURLOPT_LOW_SPEED_LIMIT, 1)
        try setLong(CURLOPT_LOW_SPEED_TIME, timeout)
        try setLong(CURLOPT_TCP_KEEPALIVE, 1)
    }

    func setLong(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_setopt_long(handle, option, value), "option \(option.rawValue)")
    }

    /// Sets a string option; nil clears it (libcurl copies the string).
    func setString(_ option: CURLoption, _ value: String?) throws(TransportError) {
        let code = if let value { ccurl_setopt_string(handle, option, value) } else { ccurl_setopt_string(handle, option, nil) }
        try check(code, "option \(option.rawValue)")
    }

    func setSlist(_ option: CURLoption, _ list: UnsafeMutablePointer<curl_slist>?) throws(TransportError) {
        try check(ccurl_setopt_slist(handle, option, list), "option \(option.rawValue)")
    }

    /// Runs one transfer for `url`. With `upload`, the bytes are sent through the read callback; with
    /// `postFields` (HTTP only), they are the body of a POST.
    func perform(url: String, customRequest: String?, upload: [UInt8]? = nil, postFields: String? = nil)
        throws(TransportError) -> Outcome
    {
        try setString(CURLOPT_URL, url)
        try setString(CURLOPT_CUSTOMREQUEST, customRequest)
        try setLong(CURLOPT_UPLOAD, upload == nil ? 0 : 1)
        try check(ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload?.count ?? -1)), "INFILESIZE")
        // After CURLOPT_UPLOAD, which sets the HTTP method back to GET; libcurl copies the fields.
        if let postFields { try setString(CURLOPT_COPYPOSTFIELDS, postFields) }
        buffers.reset(upload: upload ?? [])
        errorBuffer[0] = 0
        let code = Int32(bitPattern: curl_easy_perform(handle).rawValue)
        var errorText = String(cString: errorBuffer)
        if code != 0 && errorText.isEmpty {
            errorText = String(cString: curl_easy_strerror(CURLcode(rawValue: UInt32(bitPattern: code))))
        }
        let outcome = Outcome(code: code, errorText: errorText, body: buffers.body, replyLines: buffers.replyLines())
        buffers.reset(upload: [])
        return outcome
    }

    /// The last HTTP status code (`CURLINFO_RESPONSE_CODE`), 0 when none was received.
    func responseCode() -> Int {
        var code = 0
        return ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK ? code : 0
    }

    private func check(_ code: CURLcode, _ what: String) throws(TransportError) {
        guard code != CURLE_OK else { return }
        let text = String(cString: curl_easy_strerror(code))
        throw TransportError(kind: .protocolError, curlCode: Int32(bitPattern: code.rawValue),
                             message: "setting \(what) failed: \(text)", protocolName: protocolName)
    }
}
