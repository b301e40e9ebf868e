import Foundation

/// Runs blocking work (libcurl transfers) on one dedicated thread, in submission order,
/// so it never occupies the Swift concurrency pool. Connections created and used inside one
/// executor's jobs stay on that thread.
public final class BlockingExecutor: Sendable {
    /// Thrown by `run` after `shutdown()`.
    public struct ShutDownError: Error, Sendable, CustomStringConvertible {
        public var executorName: String
        public var description: String { "blocking executor \(executorName) is shut down" }
    }

    public let name: String
    private let queue = BlockingJobQueue()

    public init(name: String) {
        self.name = name
        let queue = self.queue
        let thread = Thread { queue.drain() }
        thread.name = name
        thread.start()
    }

    deinit { queue.close() }

    /// Runs `body` on the executor's thread and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let name = self.name
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = queue.enqueue {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            if !accepted { continuation.resume(throwing: ShutDownError(executorName: name)) }
        }
    }

    /// Refuses new work; jobs already queued still run, then the thread exits.
    public func shutdown() { queue.close() }
}

/// FIFO of jobs guarded by a condition variable; `drain` runs on the executor thread.
final class BlockingJobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var closed = false

    func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func drain() {
        while let job = next() { job() }
    }

    private func next() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed { condition.wait() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head > 64 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}
