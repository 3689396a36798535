import Foundation
import Testing
@testable import LogTriageBasics

/// A result handed from one piece of `concurrently` to the other: the waiting piece gets the
/// value, or the error, whichever thread ends first, and with one thread too.
@Suite struct HandOverTests {
    struct Failure: Error, Equatable {
        let name: String
    }

    @Test("the waiting piece gets the value, produced early or late", arguments: [1, 2])
    func valueArrives(threads: Int) throws {
        for producerSleeps in [false, true] {
            let handOver = HandOver<[Int]>()
            let (produced, received) = try concurrently(threads: threads, { () throws -> Int in
                if producerSleeps { Thread.sleep(forTimeInterval: 0.02) }
                return try handOver.produce { [1, 2, 3] }.count
            }, { () throws -> [Int] in
                try handOver.value() + handOver.value()
            })
            #expect(produced == 3)
            #expect(received == [1, 2, 3, 1, 2, 3])
        }
    }

    @Test("the producer's error reaches the waiting piece instead of a wait without end", arguments: [1, 2])
    func errorArrives(threads: Int) {
        let handOver = HandOver<Int>()
        let waited = Locked<Failure?>(nil)
        #expect(throws: Failure(name: "absorb")) {
            _ = try concurrently(threads: threads, { () throws -> Int in
                try handOver.produce { throw Failure(name: "absorb") }
            }, { () throws -> Int in
                do {
                    return try handOver.value()
                } catch let failure as Failure {
                    waited.withLock { $0 = failure }
                    throw failure
                }
            })
        }
        // With one thread the first piece's failure ends the call before the second runs.
        #expect(waited.withLock { $0 } == (threads == 1 ? nil : Failure(name: "absorb")))
    }
}
