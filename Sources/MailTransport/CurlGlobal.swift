import CCurl

/// Runs `curl_global_init` exactly once per process, before the first easy handle is created.
/// Swift initialises global constants lazily and thread-safely, which gives the "once".
enum CurlGlobal {
    private static let initResult: Int32 = Int32(ccurl_global_init_default().rawValue)

    /// Initialises libcurl if needed; returns the `CURLcode` of the one-time initialisation.
    @discardableResult
    static func ensureInitialized() -> Int32 { initResult }
}
