import Dispatch
import Foundation

/// Catches one Unix signal (SIGHUP for reloads) as an async sequence instead of its default action.
/// `trap` returns only once the handler is registered, so a signal sent after it cannot kill the
/// process; the daemon reports `READY=1` after that point.
///
/// - SeeAlso: signal(7) (SIGHUP's default action terminates the process).
public final class SignalTrap: @unchecked Sendable {
    // Dispatch sources are thread-safe; @unchecked because the Dispatch overlay is not annotated.
    private let source: DispatchSourceSignal
    /// One element per delivered signal (signals arriving together may be coalesced into one).
    public let signals: AsyncStream<Int32>

    private init(source: DispatchSourceSignal, signals: AsyncStream<Int32>) {
        self.source = source
        self.signals = signals
    }

    deinit { source.cancel() }

    /// Starts catching `signal` and waits until the handler is in place.
    public static func trap(_ signal: Int32) async -> SignalTrap {
        let queue = DispatchQueue(label: "maildesk.signal.\(signal)")
        let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        source.setEventHandler { continuation.yield(signal) }
        source.setCancelHandler { continuation.finish() }
        let trap = SignalTrap(source: source, signals: stream)
        await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
            source.setRegistrationHandler { registered.resume() }
            source.resume()
        }
        return trap
    }
}
