/// When to try a temporarily failed delivery again: exponential backoff from one minute up to an hour,
/// giving up after `maxAttempts` (about half a day with the default of 12). Each delay is shortened by
/// a random share of up to `jitter`, so mails queued together during an outage do not all retry at
/// the same second when the server comes back.
public struct RetryPolicy: Sendable, Equatable {
    public var baseSeconds: Double
    public var maxSeconds: Double
    public var maxAttempts: Int
    /// Fraction (0…1) of each delay that is randomised away ("equal jitter" when 0.5).
    public var jitter: Double

    public init(baseSeconds: Double = 60, maxSeconds: Double = 3600, maxAttempts: Int = 12, jitter: Double = 0.2) {
        self.baseSeconds = baseSeconds
        self.maxSeconds = maxSeconds
        self.maxAttempts = maxAttempts
        self.jitter = min(1, max(0, jitter))
    }

    /// Seconds to wait after the `attempts`-th failed attempt (1-based), or nil to give up.
    /// `random` is a value in 0..<1 (injected so tests are exact).
    public func delay(afterAttempts attempts: Int, random: Double = Double.random(in: 0..<1)) -> Double? {
        guard attempts < maxAttempts else { return nil }
        let exponent = Double(max(0, attempts - 1))
        let capped = min(maxSeconds, baseSeconds * pow2(exponent))
        return capped * (1 - jitter * min(max(random, 0), 1))
    }

    func pow2(_ x: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(x.rounded(.down)) where result < 1e9 { result *= 2 }
        return result
    }
}
