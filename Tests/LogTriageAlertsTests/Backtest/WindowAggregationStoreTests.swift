import LogTriageTestSupport
import Testing
@testable import LogTriageAlerts

/// A plain count as a window: one unit, whatever it counts.
extension Int: WindowStorageCost {}

extension Backtest {
    @Suite struct WindowAggregationStoreTests {
        typealias T = Timeline

        static func ms(_ secondsAfterOrigin: Int64) -> Int64 { (T.origin + secondsAfterOrigin) * 1000 }

        @Test("records land in their condition's window and facet; the series feeds the backtest")
        func fill() {
            var store = WindowAggregationStore<Int>(windowSeconds: [60, 300])
            for offset: Int64 in [0, 10, 59, 60, 299, 300] {
                store.update(condition: 0, facet: "api", timestamp: Self.ms(offset), initial: 0) { $0 += 1 }
                store.update(condition: 1, timestamp: Self.ms(offset), initial: 0) { $0 += 1 }
            }
            store.update(condition: 0, facet: "worker", timestamp: Self.ms(61), initial: 0) { $0 += 1 }
            #expect(store.facets(condition: 0) == ["api", "worker"])
            #expect(store.signal(condition: 0, facet: "api")?.windows == [T.origin: 3, T.origin + 60: 1,
                                                                          T.origin + 240: 1, T.origin + 300: 1])
            #expect(store.signal(condition: 0, facet: "api")?.records == 6)
            #expect(store.signal(condition: 1)?.windows == [T.origin: 5, T.origin + 300: 1])
            let series = store.series(condition: 0, facet: "api", zeroWhenEmpty: true) { Double($0) }
            #expect(series == WindowSeries(windowSeconds: 60, values: [T.origin: 3, T.origin + 60: 1,
                                                                       T.origin + 240: 1, T.origin + 300: 1],
                                           zeroWhenEmpty: true))
            let found = T.replay(series, T.all(.above, 2), range: T.range(windows: 6))
            #expect(found == [T.incident(opensAfter: 0, closesAfter: 1, peak: 3, windows: 1)])
        }

        struct Mean: WindowStorageCost {
            var sum = 0.0
            var count = 0
        }

        @Test("an accumulator that yields no value leaves the window out of the series")
        func noValue() {
            var store = WindowAggregationStore<Mean>(windowSeconds: [60])
            store.update(condition: 0, timestamp: Self.ms(0), initial: Mean()) { $0.sum += 4; $0.count += 1 }
            store.update(condition: 0, timestamp: Self.ms(1), initial: Mean()) { $0.sum += 2; $0.count += 1 }
            store.update(condition: 0, timestamp: Self.ms(60), initial: Mean()) { _ in }
            let series = store.series(condition: 0, zeroWhenEmpty: false) {
                $0.count == 0 ? nil : $0.sum / Double($0.count)
            }
            #expect(series.values == [T.origin: 3])
        }

        @Test("facet values beyond the cap are dropped and their records counted")
        func facetCap() {
            var store = WindowAggregationStore<Int>(windowSeconds: [60, 60], facetLimit: 2)
            #expect(WindowAggregationStore<Int>.defaultFacetLimit == 5_000)
            for facet in ["a", "b", "c", "a", "d", "c"] {
                store.update(condition: 0, facet: facet, timestamp: Self.ms(0), initial: 0) { $0 += 1 }
            }
            #expect(store.facets(condition: 0) == ["a", "b"])
            #expect(store.signal(condition: 0, facet: "a")?.windows[T.origin] == 2)
            #expect(store.droppedRecords(condition: 0) == 3)
            #expect(store.droppedRecords(condition: 1) == 0)
        }

        @Test("merging combines windows and keeps the facet cap")
        func merge() {
            var left = WindowAggregationStore<Int>(windowSeconds: [60], facetLimit: 2)
            var right = WindowAggregationStore<Int>(windowSeconds: [60], facetLimit: 3)
            left.update(condition: 0, facet: "a", timestamp: Self.ms(0), initial: 0) { $0 += 1 }
            right.update(condition: 0, facet: "a", timestamp: Self.ms(5), initial: 0) { $0 += 1 }
            right.update(condition: 0, facet: "a", timestamp: Self.ms(65), initial: 0) { $0 += 1 }
            right.update(condition: 0, facet: "b", timestamp: Self.ms(0), initial: 0) { $0 += 1 }
            right.update(condition: 0, facet: "c", timestamp: Self.ms(0), initial: 0) { $0 += 1 }
            right.update(condition: 0, facet: "c", timestamp: Self.ms(1), initial: 0) { $0 += 1 }
            left.merge(right, combining: +=)
            #expect(left.facets(condition: 0) == ["a", "b"])
            #expect(left.signal(condition: 0, facet: "a")?.windows == [T.origin: 2, T.origin + 60: 1])
            #expect(left.signal(condition: 0, facet: "a")?.records == 3)
            #expect(left.droppedRecords(condition: 0) == 2)
        }

        /// The store remembers where its last record went; records switching facet value and
        /// window at every step, a merge adding windows to the value it remembers, and a copy
        /// filled apart must all leave each window with what a plain count gives.
        @Test("records in bursts, switching value and window, with merges and copies, fill what a plain count fills")
        func rememberedWindow() {
            var random = SplitMix64(seed: 11)
            var store = WindowAggregationStore<Int>(windowSeconds: [60, 300])
            var expected: [Int: [String: [Int64: Int]]] = [:]
            func add(_ store: inout WindowAggregationStore<Int>, _ counts: inout [Int: [String: [Int64: Int]]],
                     condition: Int, facet: String, second: Int64) {
                store.update(condition: condition, facet: facet, timestamp: Self.ms(second), initial: 0) { $0 += 1 }
                let start = WindowSeries.windowStart(ofMilliseconds: Self.ms(second), windowSeconds: condition == 0 ? 60 : 300)
                counts[condition, default: [:]][facet, default: [:]][start, default: 0] += 1
            }
            for step in 0..<4_000 {
                // Bursts of one value and window, broken by another value, a new window or an old one.
                let burst = random.int(1...6)
                let condition = random.int(0...1)
                let facet = ["a", "b", "", "long facet value \(random.int(0...3))"][random.int(0...3)]
                let second = Int64(random.chance(20) ? random.int(0...3_600) : step * 2)
                for _ in 0..<burst { add(&store, &expected, condition: condition, facet: facet, second: second) }
                if step % 700 == 350 {
                    // Another part holding new windows of the value just added, merged in.
                    var part = WindowAggregationStore<Int>(windowSeconds: [60, 300])
                    for extra in 0..<30 {
                        add(&part, &expected, condition: condition, facet: facet, second: second + Int64(extra * 61))
                    }
                    store.merge(part, combining: +=)
                    // The same value and window again, after the merge grew its windows.
                    add(&store, &expected, condition: condition, facet: facet, second: second)
                }
                if step % 900 == 450 {
                    // A copy filled apart must not change the store, nor the store the copy.
                    var copy = store
                    var copyExpected = expected
                    for extra in 0..<50 {
                        add(&copy, &copyExpected, condition: condition, facet: facet, second: second + Int64(extra * 7))
                    }
                    Self.expectHolds(copy, copyExpected)
                    add(&store, &expected, condition: condition, facet: facet, second: second)
                }
            }
            Self.expectHolds(store, expected)
        }

        private static func expectHolds(_ store: WindowAggregationStore<Int>, _ expected: [Int: [String: [Int64: Int]]]) {
            for condition in 0..<2 {
                #expect(store.facets(condition: condition) == (expected[condition] ?? [:]).keys.sorted())
                for (facet, windows) in expected[condition] ?? [:] {
                    #expect(store.signal(condition: condition, facet: facet)?.windows == windows)
                    #expect(store.signal(condition: condition, facet: facet)?.records == windows.values.reduce(0, +))
                }
            }
        }
    }
}
