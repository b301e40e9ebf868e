import Foundation
import MailTransport
import Testing

struct BlockingExecutorTests {
    struct Boom: Error, Equatable {}

    @Test func runsEveryJobOnOneDedicatedThread() async throws {
        let executor = BlockingExecutor(name: "maildesk.test.executor")
        defer { executor.shutdown() }
        #expect(executor.name == "maildesk.test.executor")
        let first = try await executor.run { (pthread_self(), Thread.isMainThread) }
        let second = try await executor.run { pthread_self() }
        #expect(pthread_equal(first.0, second) != 0)
        #expect(pthread_equal(first.0, pthread_self()) == 0)
        #expect(!first.1)
    }

    @Test func runsConcurrentSubmissionsOneAtATime() async throws {
        let executor = BlockingExecutor(name: "order")
        defer { executor.shutdown() }
        let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            let counter = Counter()
            for index in 0..<50 {
                group.addTask { (index, try await executor.run { counter.next() }) }
                await Task.yield()
            }
            return try await group.reduce(into: [(Int, Int)]()) { $0.append($1) }
        }
        #expect(Set(results.map(\.1)) == Set(0..<50))
    }

    @Test func propagatesErrors() async {
        let executor = BlockingExecutor(name: "errors")
        defer { executor.shutdown() }
        await #expect(throws: Boom.self) { try await executor.run { () throws -> Int in throw Boom() } }
        #expect((try? await executor.run { 7 }) == 7)
    }

    @Test func refusesWorkAfterShutdown() async {
        let executor = BlockingExecutor(name: "closed")
        executor.shutdown()
        await #expect(throws: BlockingExecutor.ShutDownError.self) { try await executor.run { 1 } }
    }
}

/// Unsynchronised on purpose: only ever touched from the executor's single thread.
final class Counter: @unchecked Sendable {
    private var value = 0
    func next() -> Int {
        defer { value += 1 }
        return value
    }
}
