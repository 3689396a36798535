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
    }
}
