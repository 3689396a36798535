import Testing
import LogTriageModel
import LogTriageTestSupport
@testable import LogTriageAlerts

extension Backtest {
    /// The store's memory across conditions: past its budget the conditions listed last are let
    /// go, and which ones depends only on what the whole input holds, not on its order.
    @Suite struct WindowStorageBudgetTests {
        typealias T = Timeline
        typealias Store = WindowAggregationStore<Int>

        /// One record: its condition, facet value and minute after the origin.
        struct Event {
            var condition: Int
            var facet: String
            var minute: Int64
        }

        static func feed(_ events: [Event], conditions: Int, budget: Int) -> Store {
            var store = Store(windowSeconds: Array(repeating: 60, count: conditions), storageBudget: budget)
            for event in events {
                store.update(condition: event.condition, facet: event.facet, timestamp: (T.origin + event.minute * 60) * 1000,
                             initial: 0) { $0 += 1 }
            }
            return store
        }

        /// The conditions kept by the prefix rule: the longest list from the first whose units
        /// fit the budget together, and the units they take.
        static func longestListThatFits(_ units: [Int], budget: Int) -> (kept: Int, total: Int) {
            var kept = 0, total = 0
            while kept < units.count && total + units[kept] <= budget {
                total += units[kept]
                kept += 1
            }
            return (kept, total)
        }

        @Test("each window costs one unit and each facet value two; the last-listed conditions go first")
        func lastListedGoFirst() {
            // Condition 0: one facet value and four windows (6 units); condition 1: the unfaceted
            // signal and two windows (4); together 10, the budget. Condition 2's first record
            // (3 units) goes over it, and so does condition 1's third window.
            var events = (0..<4).map { Event(condition: 0, facet: "a", minute: Int64($0)) }
            events += (0..<2).map { Event(condition: 1, facet: Store.noFacet, minute: Int64($0)) }
            var store = Self.feed(events, conditions: 3, budget: 10)
            #expect(store.storedUnits == 10)
            #expect(!store.isOverBudget(condition: 2))
            let thirdConditionKept = store.update(condition: 2, timestamp: T.origin * 1000, initial: 0) { $0 += 1 }
            #expect(!thirdConditionKept)
            #expect(store.isOverBudget(condition: 2) && !store.isOverBudget(condition: 1))
            #expect(store.storedUnits == 10 && store.signal(condition: 2) == nil)
            // A record in a window condition 1 already has costs nothing.
            let sameWindowKept = store.update(condition: 1, timestamp: T.origin * 1000 + 5, initial: 0) { $0 += 1 }
            #expect(sameWindowKept)
            let newWindowKept = store.update(condition: 1, timestamp: (T.origin + 120) * 1000, initial: 0) { $0 += 1 }
            #expect(!newWindowKept)
            #expect(store.isOverBudget(condition: 1) && !store.isOverBudget(condition: 0))
            #expect(store.storedUnits == 6 && store.signal(condition: 1) == nil)
            #expect(store.signal(condition: 0, facet: "a")?.windows.count == 4)
            // Condition 0 is never let go for a condition after it.
            let afterLetGoKept = store.update(condition: 1, timestamp: T.origin * 1000, initial: 0) { $0 += 1 }
            #expect(!afterLetGoKept)
            #expect(store.storedUnits == 6)
        }

        @Test("the conditions kept are the longest list from the first that fits, in any order of the records")
        func anyOrder() {
            for seed: UInt64 in 1...40 {
                var generator = SplitMix64(seed: seed)
                let conditions = generator.int(1...6)
                let events = (0..<generator.int(1...300)).map { _ in
                    Event(condition: generator.int(0...conditions - 1), facet: ["", "a", "b", "c"][generator.int(0...3)],
                          minute: Int64(generator.int(0...40)))
                }
                // What each condition holds over the whole input, and the longest list that fits.
                var units = Array(repeating: 0, count: conditions)
                var seen: Set<String> = []
                for event in events {
                    if seen.insert("\(event.condition) \(event.facet)").inserted { units[event.condition] += 2 }
                    if seen.insert("\(event.condition) \(event.facet) \(event.minute)").inserted { units[event.condition] += 1 }
                }
                let budget = generator.int(1...max(1, units.reduce(0, +) + 5))
                let (kept, total) = Self.longestListThatFits(units, budget: budget)
                var shuffled = events
                shuffled.shuffle(using: &generator)
                for order in [events, events.reversed(), shuffled] {
                    let store = Self.feed(order, conditions: conditions, budget: budget)
                    #expect((0..<conditions).map(store.isOverBudget(condition:)) == (0..<conditions).map { $0 >= kept },
                            "seed \(seed)")
                    #expect(store.storedUnits == total, "seed \(seed)")
                    for condition in 0..<kept {
                        let expected = events.filter { $0.condition == condition }.count
                        let counted = store.facets(condition: condition).reduce(0) {
                            $0 + (store.signal(condition: condition, facet: $1)?.windows.values.reduce(0, +) ?? 0)
                        }
                        #expect(counted == expected, "seed \(seed), condition \(condition)")
                    }
                }
            }
        }

        /// A window that holds values: one unit, and one more for every three distinct values.
        struct Distinct: WindowStorageCost {
            var values: Set<Int> = []
            var storageUnits: Int { 1 + values.count / 3 }
            var storageGrows: Bool { true }
        }

        @Test("windows that grow are weighed as they grow, long facet texts by their bytes; the conditions kept still do not depend on order")
        func growingWindows() {
            let long = String(repeating: "m", count: 3 * AlertTuning.replayWindowBytes)
            for seed: UInt64 in 1...40 {
                var generator = SplitMix64(seed: seed)
                let conditions = generator.int(1...5)
                let events = (0..<generator.int(1...400)).map { _ in
                    (event: Event(condition: generator.int(0...conditions - 1), facet: ["", "a", long][generator.int(0...2)],
                                  minute: Int64(generator.int(0...20))), value: generator.int(0...30))
                }
                // Each condition's units over the whole input: facet values at two (eight for the
                // long text, two more per 270 bytes), windows at one and a third of their distinct values.
                var units = Array(repeating: 0, count: conditions)
                var windows: [String: Set<Int>] = [:]
                var facets: Set<String> = []
                for (event, value) in events {
                    if facets.insert("\(event.condition) \(event.facet)").inserted { units[event.condition] += event.facet == long ? 8 : 2 }
                    windows["\(event.condition) \(event.facet) \(event.minute)", default: []].insert(value)
                }
                for (key, values) in windows { units[Int(key.split(separator: " ")[0])!] += 1 + values.count / 3 }
                let budget = generator.int(1...max(1, units.reduce(0, +) + 5))
                let (kept, total) = Self.longestListThatFits(units, budget: budget)
                var shuffled = events
                shuffled.shuffle(using: &generator)
                func fed(_ events: ArraySlice<(event: Event, value: Int)>) -> WindowAggregationStore<Distinct> {
                    var store = WindowAggregationStore<Distinct>(windowSeconds: Array(repeating: 60, count: conditions),
                                                                 storageBudget: budget)
                    for (event, value) in events {
                        store.update(condition: event.condition, facet: event.facet, timestamp: (T.origin + event.minute * 60) * 1000,
                                     initial: Distinct()) { $0.values.insert(value) }
                    }
                    return store
                }
                let cut = generator.int(0...events.count)
                var merged = fed(events[..<cut])
                merged.merge(fed(events[cut...])) { $0.values.formUnion($1.values) }
                for store in [fed(events[...]), fed(ArraySlice(events.reversed())), fed(shuffled[...]), merged] {
                    #expect((0..<conditions).map(store.isOverBudget(condition:)) == (0..<conditions).map { $0 >= kept },
                            "seed \(seed)")
                    #expect(store.storedUnits == total, "seed \(seed)")
                }
            }
        }

        @Test("a part that let go of a condition makes the whole let go of it and of those after it")
        func partsLetGo() {
            let events = (0..<3).flatMap { condition in (0..<3).map { Event(condition: condition, facet: "x", minute: Int64($0)) } }
            let part = Self.feed(events, conditions: 3, budget: 9)
            #expect(part.isOverBudget(condition: 1) && !part.isOverBudget(condition: 0))
            var whole = Self.feed(events, conditions: 3, budget: 100)
            #expect(!whole.isOverBudget(condition: 2))
            whole.merge(part, combining: +=)
            #expect(whole.isOverBudget(condition: 1) && !whole.isOverBudget(condition: 0))
            #expect(whole.signal(condition: 0, facet: "x")?.windows.values.reduce(0, +) == 6)
            #expect(whole.storedUnits == 5)
            let letGoKept = whole.update(condition: 2, facet: "x", timestamp: T.origin * 1000, initial: 0) { $0 += 1 }
            #expect(!letGoKept)
        }
    }
}
