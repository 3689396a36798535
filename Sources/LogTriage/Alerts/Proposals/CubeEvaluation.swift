/// A query evaluated on the signal cube: per facet value and window, the aggregate, the
/// clustered records it counted, the records it read (the volume) and how many of them are
/// recent failures of the categories a proposal targets.
struct CubeEvaluation {
    struct Window {
        var accumulator: NRQLAccumulator
        var judgement = WindowJudgement()
        var records = 0
        var targeted = 0
    }

    /// The cells the query's WHERE passes, with their facet value and whether the inner
    /// WHERE (of filter/percentage) counts them: independent of the window size.
    private let matched: [(cell: SignalCube.Cell, record: NRQLAttributes, facet: String, counted: Bool)]
    let query: NRQLQuery
    let cube: SignalCube

    init(query: NRQLQuery, cube: SignalCube) {
        self.query = query
        self.cube = cube
        let inner = AlertStage.innerPredicate(query)
        var matched: [(SignalCube.Cell, NRQLAttributes, String, Bool)] = []
        cellLoop: for cell in cube.cells where cell.count > 0 {
            let record = cube.record(of: cell)
            if let predicate = query.predicate, !predicate.evaluate(record) { continue }
            var parts: [String] = []
            for attribute in query.facets {
                guard let value = record.value(of: attribute) else { continue cellLoop }
                parts.append(value.text)
            }
            matched.append((cell, record, parts.joined(separator: ", "), inner.map { $0.evaluate(record) } ?? true))
        }
        self.matched = matched
    }

    /// Facet value → window start (s) → window, for windows of `windowSeconds` (a multiple of
    /// the cube's base window).
    func windows(windowSeconds: Int, target: Set<Category>) -> [String: [Int64: Window]] {
        var result: [String: [Int64: Window]] = [:]
        for (cell, record, facet, counted) in matched {
            let start = WindowSeries.windowStart(ofSecond: cell.key.windowStart, windowSeconds: windowSeconds)
            var window = result[facet, default: [:]][start] ?? Window(accumulator: NRQLAccumulator(query.aggregate))
            window.accumulator.add(record, weight: cell.count)
            window.records += cell.count
            if counted, let category = cube.category(of: cell) {
                if cube.isStale(cell) {
                    window.judgement.stale += cell.count
                } else {
                    window.judgement.byCategory[category, default: 0] += cell.count
                    if target.contains(category) { window.targeted += cell.count }
                }
            }
            result[facet, default: [:]][start] = window
        }
        return result
    }
}
