import LogTriageModel

/// A query evaluated on the signal cube: per facet value and window, the aggregate, the
/// clustered records it counted, the records it read (the volume) and how many of them are
/// recent failures of the categories a proposal targets.
///
/// The tuner asks for the same tumbling windows many times (each sliding shape's steps, the
/// failing slots, the shapes): each size is computed once per target and kept. Sliding
/// windows are asked for once each and are large, so they are not kept.
final class CubeEvaluation {
    struct Window {
        var accumulator: NRQLSelectAccumulator
        var judgement = WindowJudgement()
        var records = 0
        var targeted = 0
    }

    /// A cell the query's WHERE passes (its position in the cube's cells), and whether the
    /// inner WHERE (of filter/percentage) counts it. A position, not a copy of the cell and
    /// of the record view: a busy service's matches held a copy of most of the cube.
    private struct Match {
        var cell: Int32
        var counted: Bool
    }

    /// The matching cells by facet value: independent of the window size, so computed once.
    private let matched: [String: [Match]]
    /// Whether the query has an inner WHERE (filter/percentage): ``Match/counted`` is then
    /// its answer for the cell, and the accumulators are told it instead of testing again.
    private let countsInner: Bool
    /// Whether the aggregates only count records: a wider window is then exactly the merge
    /// of the base windows it spans.
    private let onlyCounts: Bool
    let query: NRQLQuery
    let cube: SignalCube
    private var computed: [WindowsKey: [String: [Int64: Window]]] = [:]

    private struct WindowsKey: Hashable {
        var windowSeconds: Int
        var target: Set<Category>
    }

    /// `cells`: the positions of the cells the query can match (all of them when nil); a
    /// proposal passes its service's cells, since its WHERE names the service.
    init(query: NRQLQuery, cube: SignalCube, cells: [Int32]? = nil) {
        self.query = query
        self.cube = cube
        let inner = AlertStage.innerPredicate(query)
        var matched: [String: [Match]] = [:]
        let positions = cells ?? cube.cells.indices.map { Int32($0) }
        cellLoop: for position in positions where cube.cells[Int(position)].count > 0 {
            let record = cube.record(of: cube.cells[Int(position)])
            if let predicate = query.predicate, !predicate.evaluate(record) { continue }
            var parts: [String] = []
            for attribute in query.facets {
                guard let value = record.value(of: attribute) else { continue cellLoop }
                parts.append(value.text)
            }
            matched[parts.joined(separator: ", "), default: []].append(
                Match(cell: position, counted: inner.map { $0.evaluate(record) } ?? true))
        }
        self.matched = matched
        countsInner = inner != nil
        onlyCounts = NRQLSelectAccumulator(query.select).onlyCounts
    }

    /// Facet value → window start (s) → window, for windows of `windowSeconds` (a multiple of
    /// the cube's base window).
    ///
    /// Only the base windows are kept: every sliding window, the failing slots and the
    /// incidents' minutes are built from them, while a wider tumbling window is asked for once
    /// per candidate shape. Keeping those too held a week of windows per shape in memory.
    func windows(windowSeconds: Int, target: Set<Category>) -> [String: [Int64: Window]] {
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
    func tumblingWindows(windowSeconds: Int, target: Set<Category>) -> [String: [Int64: Window]] {
        var result: [String: [Int64: Window]] = [:]
        for (facet, matches) in matched {
            var windows: [Int64: Window] = [:]
            for match in matches {
                let cell = cube.cells[Int(match.cell)]
                let start = WindowSeries.windowStart(ofSecond: cell.key.windowStart, windowSeconds: windowSeconds)
                let index = windows.index(forKey: start) ?? {
                    windows[start] = Window(accumulator: NRQLSelectAccumulator(query.select, windowSeconds: windowSeconds))
                    return windows.index(forKey: start)!
                }()
                if countsInner {
                    windows.values[index].accumulator.add(passingInner: match.counted, weight: cell.count)
                } else {
                    windows.values[index].accumulator.add(cube.record(of: cell), weight: cell.count)
                }
                windows.values[index].records += cell.count
                if match.counted, let category = cube.category(of: cell) {
                    if cube.isStale(cell) {
                        windows.values[index].judgement.stale += cell.count
                    } else {
                        windows.values[index].judgement.byCategory[category, default: 0] += cell.count
                        if target.contains(category) { windows.values[index].targeted += cell.count }
                    }
                }
            }
            result[facet] = windows
        }
        return result
    }

    /// `base` windows merged into tumbling windows of `windowSeconds` (a multiple of their
    /// size): for aggregates that only count, exactly what adding the cells again would give,
    /// from far fewer windows than cells.
    private func widened(_ base: [String: [Int64: Window]], to windowSeconds: Int) -> [String: [Int64: Window]] {
        var result: [String: [Int64: Window]] = [:]
        for (facet, byStep) in base {
            var windows: [Int64: Window] = [:]
            for (stepStart, step) in byStep {
                merge(step, into: &windows, at: WindowSeries.windowStart(ofSecond: stepStart, windowSeconds: windowSeconds),
                      windowSeconds: windowSeconds)
            }
            result[facet] = windows
        }
        return result
    }

    /// Facet value → window start (s) → window, for sliding windows of `windowSeconds` that
    /// start every `stepSeconds` (the cube's base window, or a multiple): each merges the
    /// steps it spans, as New Relic's `slide_by` does.
    func slidingWindows(windowSeconds: Int, stepSeconds: Int, target: Set<Category>) -> [String: [Int64: Window]] {
        let steps = windows(windowSeconds: stepSeconds, target: target)
        let span = max(1, windowSeconds / max(1, stepSeconds))
        guard span > 1 else { return steps }
        var result: [String: [Int64: Window]] = [:]
        for (facet, byStep) in steps {
            var windows: [Int64: Window] = [:]
            for start in byStep.keys.sorted() {
                let step = byStep[start]!
                for offset in 0..<span {
                    merge(step, into: &windows, at: start - Int64(offset * stepSeconds), windowSeconds: windowSeconds)
                }
            }
            result[facet] = windows
        }
        return result
    }

    /// Adds `step` to the window of `windows` starting at `start`, an empty one of
    /// `windowSeconds` when there is none yet.
    private func merge(_ step: Window, into windows: inout [Int64: Window], at start: Int64, windowSeconds: Int) {
        let index = windows.index(forKey: start) ?? {
            windows[start] = Window(accumulator: NRQLSelectAccumulator(query.select, windowSeconds: windowSeconds))
            return windows.index(forKey: start)!
        }()
        windows.values[index].accumulator.merge(step.accumulator)
        windows.values[index].judgement.add(step.judgement)
        windows.values[index].records += step.records
        windows.values[index].targeted += step.targeted
    }
}
