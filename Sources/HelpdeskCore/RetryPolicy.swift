/// When to try a temporarily failed delivery again: exponential backoff from one minute up to an hour,
/// giving up after `maxAttempts` (about half a day with the default of 12).
public struct RetryPolicy: Sendable, Equatable {
    public var baseSeconds: Double
    public var maxSeconds: Double
    public var maxAttempts: Int

    public init(baseSeconds: Double = 60, maxSeconds: Double = 3600, maxAttempts: Int = 12) {
        self.baseSeconds = baseSeconds
        self.maxSeconds = maxSeconds
        self.maxAttempts = maxAttempts
    }

    /// Seconds to wait after the `attempts`-th failed attempt (1-based), or nil to give up.
    public func delay(afterAttempts attempts: Int) -> Double? {
        guard attempts < maxAttempts else { return nil }
        let exponent = Double(max(0, attempts - 1))
        return min(maxSeconds, baseSeconds * pow2(exponent))
    }

    func pow2(_ x: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(x.rounded(.down)) where result < 1e9 { result *= 2 }
        return result
    }
}
