import Testing
@testable import LogTriageBasics

/// `concurrently` and `forEachConcurrently` run the merge's and the finish's independent work
/// on two cores; which error they report must not depend on which thread ended first.
@Suite struct ConcurrentWorkTests {
    struct Failure: Error, Equatable {
        let name: String
    }

    final class Counter {
        var value = 0
    }

    @Test("both pieces run and both results come back; pieces that cannot fail make a call that cannot")
    func bothResults() {
        let left = Counter(), right = Counter()
        let (first, second) = concurrently(threads: 2, {
            for _ in 0..<1_000 { left.value += 1 }
            return left.value
        }, {
            for _ in 0..<2_000 { right.value += 1 }
            return "done \(right.value)"
        })
        #expect(first == 1_000)
        #expect(second == "done 2000")
        let (one, two) = concurrently(threads: 1, { left.value }, { right.value })
        #expect(one == 1_000 && two == 2_000)
    }

    @Test("the first piece's failure is reported before the second's, and the second still ran")
    func firstFailureFirst() {
        let ran = Locked(false)
        #expect(throws: Failure(name: "first")) {
            _ = try concurrently(threads: 2, { () throws -> Int in throw Failure(name: "first") }, { () throws -> Int in
                ran.withLock { $0 = true }
                throw Failure(name: "second")
            })
        }
        #expect(ran.withLock { $0 })
        #expect(throws: Failure(name: "second")) {
            _ = try concurrently(threads: 2, { 1 }, { () throws -> Int in throw Failure(name: "second") })
        }
    }

    @Test("every element is visited at most once, and the failure of the first failing element is thrown", arguments: 0..<20)
    func eachOnceFirstFailure(round: Int) {
        let counters = (0..<16).map { _ in Counter() }
        #expect(throws: Failure(name: "3")) {
            try forEachConcurrently(Array(counters.enumerated()), threads: 1 + round % 4) { index, counter in
                counter.value += 1
                if index == 3 || index == 11 || (index + round) % 7 == 6 && index > 3 {
                    throw Failure(name: "\(index)")
                }
            }
        }
        // On one thread the calls stop at the first failure; on more, every element is visited.
        let visitedOnce = round % 4 == 0 ? counters.prefix(4) : counters[...]
        #expect(visitedOnce.allSatisfy { $0.value == 1 })
        #expect(counters.allSatisfy { $0.value <= 1 })
        let visited = Locked(0)
        #expect(throws: Never.self) { try forEachConcurrently(Array(0..<50), threads: 3) { _ in visited.withLock { $0 += 1 } } }
        #expect(visited.withLock { $0 } == 50)
    }

    @Test("mapped results come back in the elements' order, each element transformed once", arguments: [1, 2, 3, 8])
    func mappedInOrder(threads: Int) {
        let counters = (0..<40).map { _ in Counter() }
        // Uneven work, the costly elements first, so threads finish out of order.
        let results = mapConcurrently(Array(counters.enumerated()), threads: threads) { index, counter in
            counter.value += 1
            var sum = 0
            for step in 0..<((40 - index) * 2_000) { sum &+= step ^ index }
            return "\(index):\(sum & 1)"
        }
        let expected = (0..<40).map { index in
            var sum = 0
            for step in 0..<((40 - index) * 2_000) { sum &+= step ^ index }
            return "\(index):\(sum & 1)"
        }
        #expect(results == expected)
        #expect(counters.allSatisfy { $0.value == 1 })
        #expect(mapConcurrently([Int](), threads: threads) { $0 }.isEmpty)
        // Taken in another order (the last first, then every other), the results keep the elements'.
        let order = Array((0..<40).reversed().filter { $0 % 2 == 1 }) + Array((0..<40).filter { $0 % 2 == 0 })
        let reordered = mapConcurrently(Array(counters.enumerated()), threads: threads, order: order) { index, counter in
            counter.value += 1
            return "\(index)"
        }
        #expect(reordered == (0..<40).map { "\($0)" })
        #expect(counters.allSatisfy { $0.value == 2 })
    }
}
