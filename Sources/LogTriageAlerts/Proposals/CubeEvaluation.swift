import LogTriageModel

/// A query evaluated on the signal cube: per facet value and window, the aggregate, the
/// clustered records it counted, the records it read (the volume) and how many of them are
/// recent failures of the categories a proposal targets.
///
/// The tuner asks for the same tumbling windows many times (each sliding shape's steps, the
/// failing slots, the shapes): each size is computed once per target and kept. Sliding
/// windows are asked for once each and are large, so they are not kept.
final class CubeEvaluation {
    /// One facet value's window. The tuner adds, merges and slides a week of these for every
    /// shape of every plan, so a query that only counts (`count`, `filter`, `percentage`: every
    /// proposal) keeps whole numbers in place, no accumulator and no dictionary: windows then
    /// add and subtract without allocating or reference counting.
    struct Window {
        /// Records the query's WHERE passed.
        var records = 0
        /// Of them, those its inner WHERE (of `filter`/`percentage`) counts; all of them without one.
        var counted = 0
        /// Recent failures of the categories the proposal targets.
        var targeted = 0
        /// Stale-invoice failures among the counted clustered records.
        var stale = 0
        /// The other counted clustered records, by `Category.allCases` position. 32 bits, as
        /// ``ConditionWindow`` tallies them: a week of windows is copied and moved often, and
        /// one facet value's window never holds two billion failures.
        var recent = SIMD16<Int32>()
        /// How ``value`` reads the counts; nil when ``accumulator`` holds the aggregates.
        let counting: NRQLAccumulator.Counting?
        /// The whole SELECT, for queries that do more than count.
        var accumulator: NRQLSelectAccumulator?

        /// The window's value, as New Relic's query would read it.
        var value: Double? {
            if let counting { return counting.value(records: records, matched: counted) }
            return accumulator?.value
        }

        /// The counted clustered records as the noise judgement reads them.
        var judgement: WindowJudgement {
            var byCategory: [Category: Int] = [:]
            for (index, category) in Category.allCases.enumerated() where recent[index] != 0 {
                byCategory[category] = Int(recent[index])
            }
            return WindowJudgement(byCategory: byCategory, stale: stale)
        }

        mutating func add(_ other: Window) {
            records += other.records
            counted += other.counted
            targeted += other.targeted
            stale += other.stale
            recent &+= other.recent
            if let part = other.accumulator { accumulator?.merge(part) }
        }

        /// Takes away a window ``add(_:)`` added before: only for counting windows, whose
        /// whole numbers come back exactly.
        mutating func subtract(_ other: Window) {
            precondition(counting != nil, "only counting windows subtract")
            records -= other.records
            counted -= other.counted
            targeted -= other.targeted
            stale -= other.stale
            recent &-= other.recent
        }
    }

    /// A cell the query's WHERE passes (its position in the cube's cells), and whether the
    /// inner WHERE (of filter/percentage) counts it. A position, not a copy of the cell and
    /// of the record view: a busy service's matches held a copy of most of the cube.
    struct Match {
        var cell: Int32
        var counted: Bool
    }

    /// One facet value's windows in start order. The tuner reads windows in order far more
    /// often than it looks one up (the replay, running sums, widening, quiet levels), so they
    /// are kept as sorted arrays rather than a dictionary it would sort again each time.
    struct WindowRow: Sequence {
        /// Window starts (s), ascending.
        private(set) var keys: [Int64] = []
        /// The window at each of ``keys``.
        private(set) var windows: [Window] = []

        init() {}

        /// The windows of `byStart`, in start order.
        init(_ byStart: [Int64: Window]) {
            for (start, window) in byStart.sorted(by: { $0.key < $1.key }) { append(window, at: start) }
        }

        var count: Int { keys.count }

        /// The window starting at `start`, nil when none does.
        subscript(start: Int64) -> Window? {
            var low = 0, high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < start { low = middle + 1 } else { high = middle }
            }
            return low < keys.count && keys[low] == start ? windows[low] : nil
        }

        /// Makes room for `count` windows at once: a week of windows is a few hundred
        /// kilobytes, and grown by doubling, each row was copied over and over.
        mutating func reserveCapacity(_ count: Int) {
            keys.reserveCapacity(count)
            windows.reserveCapacity(count)
        }

        /// Adds a window after the last one.
        mutating func append(_ window: Window, at start: Int64) {
            precondition(keys.last.map { $0 < start } ?? true, "windows are added in start order")
            keys.append(start)
            windows.append(window)
        }

        /// Changes the window starting at `start`: the last one, or a new empty one after it.
        mutating func update(at start: Int64, empty: () -> Window, _ body: (inout Window) -> Void) {
            if keys.last != start { append(empty(), at: start) }
            body(&windows[windows.count - 1])
        }

        /// Each window's `part`, by start, where it has one.
        func byStart<Part>(_ part: (Window) -> Part?) -> [Int64: Part] {
            var result: [Int64: Part] = [:]
            for (start, window) in self { if let value = part(window) { result[start] = value } }
            return result
        }

        func makeIterator() -> Zip2Sequence<[Int64], [Window]>.Iterator { zip(keys, windows).makeIterator() }
    }

    /// The matching cells by facet value: independent of the window size, so computed once.
    private let matched: [String: [Match]]
    /// Set when the SELECT is one aggregate that counts: its windows then keep counts only.
    private let counting: NRQLAccumulator.Counting?
    /// Whether the aggregates only count records: a wider window is then exactly the merge
    /// of the base windows it spans.
    private let onlyCounts: Bool
    let query: NRQLQuery
    let cube: SignalCube
    private var computed: [WindowsKey: [String: WindowRow]] = [:]

    private struct WindowsKey: Hashable {
        var windowSeconds: Int
        var target: Set<Category>
    }

    /// `cells`: the positions of the cells the query can match (all of them when nil); a
    /// proposal passes its service's cells, since its WHERE names the service. `matches`:
    /// ``matches(of:cube:cells:profiles:)`` when already known for the same WHERE and inner
    /// WHERE. `profiles`: the cube's, to read each profile's facet value once.
    init(query: NRQLQuery, cube: SignalCube, cells: [Int32]? = nil, matches known: [Match]? = nil,
         profiles: SignalCube.Profiles? = nil) {
        self.query = query
        self.cube = cube
        var matched: [String: [Match]] = [:]
        let all = known ?? Self.matches(of: query, cube: cube, cells: cells, profiles: profiles)
        if query.facets.isEmpty {
            if !all.isEmpty { matched[""] = all }
        } else {
            // Each facet value numbered as first met (-1: a facet attribute is missing), the
            // matches grouped by number, then named.
            var memo = ProfileMemo<Int32>(profiles, query: query)
            var numbers: [String: Int32] = [:]
            var values: [String] = []
            var groups: [[Match]] = []
            for match in all {
                let number = memo.value(ofCell: match.cell) {
                    let record = cube.record(of: cube.cells[Int(match.cell)])
                    guard let value = Self.facetValue(of: query, record) else { return -1 }
                    if let known = numbers[value] { return known }
                    numbers[value] = Int32(values.count)
                    values.append(value)
                    groups.append([])
                    return Int32(values.count - 1)
                }
                if number >= 0 { groups[Int(number)].append(match) }
            }
            for (value, group) in zip(values, groups) { matched[value] = group }
        }
        self.matched = matched
        if case let .aggregate(aggregate) = query.select { counting = NRQLAccumulator.Counting(aggregate) } else { counting = nil }
        onlyCounts = NRQLSelectAccumulator(query.select).onlyCounts
        precondition(Category.allCases.count <= SIMD16<Int32>.scalarCount, "a window tallies at most 16 categories")
    }

    /// The record's facet value as the query names it (its FACET attributes' values joined),
    /// nil when it lacks one of them.
    private static func facetValue(of query: NRQLQuery, _ record: SignalCube.CellRecord) -> String? {
        // One attribute, the usual FACET, needs no list to join.
        if query.facets.count == 1 { return record.value(of: query.facets[0])?.text }
        var parts: [String] = []
        for attribute in query.facets {
            guard let value = record.value(of: attribute) else { return nil }
            parts.append(value.text)
        }
        return parts.joined(separator: ", ")
    }

    /// The cells of `cells` (all when nil) that hold records and pass the query's WHERE, in
    /// order, each with whether the inner WHERE counts it. Only the WHEREs decide it: the
    /// forms of one proposal, which differ in aggregate and facets, share it. With the cube's
    /// `profiles`, the WHEREs of a query that does not read the time are evaluated once per
    /// profile.
    static func matches(of query: NRQLQuery, cube: SignalCube, cells: [Int32]?,
                        profiles: SignalCube.Profiles? = nil) -> [Match] {
        let inner = AlertStage.innerPredicate(query)
        // Per cell: nil when the WHERE fails, else whether the inner WHERE counts it.
        var memo = ProfileMemo<Bool?>(profiles, query: query)
        var found: [Match] = []
        let positions = cells ?? cube.cells.indices.map { Int32($0) }
        for position in positions where cube.cells[Int(position)].count > 0 {
            let counted = memo.value(ofCell: position) {
                let record = cube.record(of: cube.cells[Int(position)])
                if let predicate = query.predicate, !predicate.evaluate(record) { return nil }
                return inner.map { $0.evaluate(record) } ?? true
            }
            if let counted { found.append(Match(cell: position, counted: counted)) }
        }
        return found
    }

    /// An empty window of `windowSeconds`.
    private func emptyWindow(windowSeconds: Int) -> Window {
        Window(counting: counting,
               accumulator: counting == nil ? NRQLSelectAccumulator(query.select, windowSeconds: windowSeconds) : nil)
    }

    /// Facet value → window start (s) → window, for windows of `windowSeconds` (a multiple of
    /// the cube's base window).
    ///
    /// Only the base windows are kept: every sliding window, the failing slots and the
    /// incidents' minutes are built from them, while a wider tumbling window is asked for once
    /// per candidate shape. Keeping those too held a week of windows per shape in memory.
    func windows(windowSeconds: Int, target: Set<Category>) -> [String: WindowRow] {
        let key = WindowsKey(windowSeconds: windowSeconds, target: target)
        if let known = computed[key] { return known }
        let base = cube.baseWindowSeconds
        let result = onlyCounts && windowSeconds > base && windowSeconds % base == 0
            ? widened(windows(windowSeconds: base, target: target), to: windowSeconds)
            : tumblingWindows(windowSeconds: windowSeconds, target: target)
        if windowSeconds == cube.baseWindowSeconds { computed[key] = result }
        return result
    }

    /// The windows added up from the cells themselves (what ``widened(_:to:)`` must equal).
    func tumblingWindows(windowSeconds: Int, target: Set<Category>) -> [String: WindowRow] {
        var targeted: UInt32 = 0
        for category in target { targeted |= 1 << UInt32(category.index) }
        var result: [String: WindowRow] = [:]
        for (facet, matches) in matched {
            // The matches by window, each window's in match order (as an aggregate that does
            // more than count must add them): cells come roughly in time order, so this sort
            // costs little, and the windows then fill one after another. What the windows add
            // up is read from each cell here, in one pass over them: the cube is far larger
            // than the cache, and reading the cells again in the windows' order missed it.
            var order: [PlacedMatch] = []
            order.reserveCapacity(matches.count)
            for (position, match) in matches.enumerated() {
                let cell = cube.cells[Int(match.cell)]
                order.append(PlacedMatch(
                    start: WindowSeries.windowStart(ofSecond: cell.key.windowStart, windowSeconds: windowSeconds),
                    match: Int32(position), count: cell.count, counted: match.counted,
                    category: cell.key.category, stale: cell.key.stale))
            }
            order.sort { ($0.start, $0.match) < ($1.start, $1.match) }
            var windows = WindowRow()
            windows.reserveCapacity(Self.distinctStarts(order.lazy.map(\.start)))
            for placed in order {
                let count = placed.count
                windows.update(at: placed.start, empty: { emptyWindow(windowSeconds: windowSeconds) }) { window in
                    window.records += count
                    if placed.counted { window.counted += count }
                    // Only a SELECT of one filter or percentage has an inner WHERE, and it counts.
                    if window.accumulator != nil {
                        window.accumulator?.add(cube.record(of: cube.cells[Int(matches[Int(placed.match)].cell)]),
                                                weight: count)
                    }
                    guard placed.counted, placed.category > 0 else { return }
                    if placed.stale {
                        window.stale += count
                    } else {
                        let index = Int(placed.category) - 1
                        window.recent[index] &+= Int32(clamping: count) // wraps as the windows' sums do
                        if targeted & 1 << UInt32(index) != 0 { window.targeted += count }
                    }
                }
            }
            result[facet] = windows
        }
        return result
    }

    /// How many different starts `starts` (ascending) holds.
    private static func distinctStarts(_ starts: some Sequence<Int64>) -> Int {
        var count = 0
        var last: Int64?
        for start in starts where start != last {
            count += 1
            last = start
        }
        return count
    }

    /// A match placed in its window, with what its cell adds to it.
    private struct PlacedMatch {
        var start: Int64
        /// Its position among the facet value's matches.
        var match: Int32
        var count: Int
        var counted: Bool
        /// The cell's category as the cube keeps it: its position in `Category.allCases` plus
        /// 1, 0 for an unclustered record.
        var category: Int8
        var stale: Bool
    }

    /// `base` windows merged into tumbling windows of `windowSeconds` (a multiple of their
    /// size): for aggregates that only count, exactly what adding the cells again would give,
    /// from far fewer windows than cells.
    private func widened(_ base: [String: WindowRow], to windowSeconds: Int) -> [String: WindowRow] {
        var result: [String: WindowRow] = [:]
        for (facet, byStep) in base {
            var windows = WindowRow()
            windows.reserveCapacity(Self.distinctStarts(byStep.keys.lazy.map {
                WindowSeries.windowStart(ofSecond: $0, windowSeconds: windowSeconds)
            }))
            for (stepStart, step) in byStep {
                windows.update(at: WindowSeries.windowStart(ofSecond: stepStart, windowSeconds: windowSeconds),
                               empty: { emptyWindow(windowSeconds: windowSeconds) }) { $0.add(step) }
            }
            result[facet] = windows
        }
        return result
    }

    /// Facet value → window start (s) → window, for sliding windows of `windowSeconds` that
    /// start every `stepSeconds` (the cube's base window, or a multiple): each merges the
    /// steps it spans, as New Relic's `slide_by` does.
    func slidingWindows(windowSeconds: Int, stepSeconds: Int, target: Set<Category>) -> [String: WindowRow] {
        let steps = windows(windowSeconds: stepSeconds, target: target)
        let span = max(1, windowSeconds / max(1, stepSeconds))
        guard span > 1 else { return steps }
        var result: [String: WindowRow] = [:]
        for (facet, byStep) in steps {
            result[facet] = counting == nil
                ? mergedSlides(byStep, span: span, stepSeconds: stepSeconds, windowSeconds: windowSeconds)
                : runningSlides(byStep, span: span, stepSeconds: stepSeconds, windowSeconds: windowSeconds)
        }
        return result
    }

    /// Each step merged into every window that spans it: the general way, for any aggregate.
    func mergedSlides(_ byStep: WindowRow, span: Int, stepSeconds: Int, windowSeconds: Int) -> WindowRow {
        var windows: [Int64: Window] = [:]
        for (start, step) in byStep {
            for offset in 0..<span {
                merge(step, into: &windows, at: start - Int64(offset * stepSeconds), windowSeconds: windowSeconds)
            }
        }
        return WindowRow(windows)
    }

    /// The same windows for a counting query, as a running sum: each window is the previous
    /// one with the step entering it added and the step leaving it taken away, so a week
    /// costs one pass over the steps whatever the window's length. A window exists where at
    /// least one step does, as in ``mergedSlides(_:span:stepSeconds:windowSeconds:)``.
    private func runningSlides(_ byStep: WindowRow, span: Int, stepSeconds: Int, windowSeconds: Int) -> WindowRow {
        let starts = byStep.keys, steps = byStep.windows
        guard let first = starts.first else { return WindowRow() }
        let step = Int64(stepSeconds), length = Int64(span) * step
        var windows = WindowRow()
        // A window for each step and the span - 1 after it, at most, and one per step of the range.
        windows.reserveCapacity(min(starts.count * span, Int((starts[starts.count - 1] - first) / step) + span))
        var sum = emptyWindow(windowSeconds: windowSeconds)
        var entering = 0, leaving = 0
        var start = first - length + step
        while leaving < starts.count {
            while entering < starts.count && starts[entering] < start + length {
                sum.add(steps[entering])
                entering += 1
            }
            while leaving < entering && starts[leaving] < start {
                sum.subtract(steps[leaving])
                leaving += 1
            }
            if leaving < entering {
                windows.append(sum, at: start)
                start += step
            } else if entering < starts.count {
                start = starts[entering] - length + step
            } else {
                break
            }
        }
        return windows
    }

    /// Adds `step` to the window of `windows` starting at `start`, an empty one of
    /// `windowSeconds` when there is none yet.
    private func merge(_ step: Window, into windows: inout [Int64: Window], at start: Int64, windowSeconds: Int) {
        let index = windows.index(forKey: start) ?? {
            windows[start] = emptyWindow(windowSeconds: windowSeconds)
            return windows.index(forKey: start)!
        }()
        windows.values[index].add(step)
    }
}

/// What a query reads of a cell, worked out once per profile of the cube (the cells that
/// differ only in their window) when the query does not read `timestamp`, the one attribute
/// that differs between them (a ticket's exclusion reads it); else once per cell.
private struct ProfileMemo<Value> {
    private let profiles: SignalCube.Profiles?
    private var known: [Value?]

    init(_ profiles: SignalCube.Profiles?, query: NRQLQuery) {
        self.profiles = query.attributes.contains("timestamp") ? nil : profiles
        known = Array(repeating: nil, count: self.profiles?.count ?? 0)
    }

    /// The value for the cell at `position`: `read` of it, or of an earlier cell of its profile.
    mutating func value(ofCell position: Int32, _ read: () -> Value) -> Value {
        guard let profiles else { return read() }
        let profile = Int(profiles.ofCell[Int(position)])
        if let value = known[profile] { return value }
        let value = read()
        known[profile] = value
        return value
    }
}
