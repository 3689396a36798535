import Testing
@testable import LogTriageAlerts
@testable import LogTriageAnalysis
import LogTriageModel
import LogTriageTestSupport

/// The tuner asks a query's windows of every size: for queries that only count, the wider
/// ones are merged from the base windows instead of added up from the cells again, and must
/// be the same windows, value for value.
@Suite("Alerts: windows of a query on the signal cube")
struct CubeEvaluationTests {
    static let start: Int64 = 1_794_182_400

    /// A day of pump calls over twelve billers: errors of three categories, successes, slow
    /// calls, some failures judged stale.
    static func cube(seed: UInt64) -> SignalCube {
        var random = SplitMix64(seed: seed)
        var cube = SignalCube(slowThresholdMs: 2_000)
        for _ in 0..<6_000 {
            let failed = random.chance(30)
            let category: Category? = failed ? random.pick([.transient, .validation, .endpointAuth]) : nil
            let cell = cube.add(time: (Self.start + Int64(random.int(0...86_399))) * 1000, service: "pump",
                                serviceAttribute: "entity.name", billerId: "B\(random.int(0...11))", sourceId: nil,
                                errorClass: failed ? "E\(random.int(0...2))" : nil, category: category,
                                severity: failed ? .error : .other, durationMs: Double(random.int(10...4_000)))
            if let cell, failed, random.chance(20) { cube.markStale(cell: cell) }
        }
        return cube
    }

    /// A query of each kind the tuner evaluates: counts with and without a facet, a
    /// percentage and a filter (with an inner WHERE), and an aggregate that does more than count.
    static let queries = [
        "SELECT count(*) FROM Log WHERE entity.name = 'pump' AND error.class IN ('E0', 'E1') FACET billerId",
        "SELECT percentage(count(*), WHERE error.class IN ('E0', 'E1')) FROM Log WHERE entity.name = 'pump' FACET billerId",
        "SELECT filter(count(*), WHERE error.class IN ('E0', 'E1')) FROM Log WHERE entity.name = 'pump'",
        "SELECT average(durationMs) FROM Log WHERE entity.name = 'pump' FACET billerId",
    ]

    @Test(arguments: queries)
    func widerWindowsEqualTheCellsAddedUp(nrql: String) throws {
        let cube = Self.cube(seed: 5)
        let query = try NRQLQuery.parse(nrql, condition: "test")
        let target: Set<Category> = [.transient, .endpointAuth]
        let evaluation = CubeEvaluation(query: query, cube: cube)
        let reference = CubeEvaluation(query: query, cube: cube)
        for seconds in [300, 600, 900, 1_800, 3_600] {
            let windows = evaluation.windows(windowSeconds: seconds, target: target)
            let expected = reference.tumblingWindows(windowSeconds: seconds, target: target)
            #expect(!expected.isEmpty)
            expectSame(windows, expected, "\(seconds) s")
        }
    }

    /// The windows added up from the cells must be each matching cell counted into its window
    /// by hand: its records, those the inner WHERE counts, and of those the clustered ones by
    /// category, stale apart, and the recent failures of the target.
    @Test(arguments: queries)
    func tumblingWindowsCountEachCell(nrql: String) throws {
        let cube = Self.cube(seed: 9)
        let query = try NRQLQuery.parse(nrql, condition: "test")
        let target: Set<Category> = [.transient, .validation]
        for seconds: Int64 in [300, 900] {
            let windows = CubeEvaluation(query: query, cube: cube).tumblingWindows(windowSeconds: Int(seconds), target: target)
            var expected: [String: [Int64: (records: Int, counted: Int, targeted: Int, stale: Int, recent: [Category: Int])]] = [:]
            for match in CubeEvaluation.matches(of: query, cube: cube, cells: nil) {
                let cell = cube.cells[Int(match.cell)]
                let facet = query.facets.isEmpty ? "" : cube.record(of: cell).value(of: "billerId")!.text
                let start = cell.key.windowStart / seconds * seconds
                var window = expected[facet, default: [:]][start] ?? (0, 0, 0, 0, [:])
                window.records += cell.count
                if match.counted {
                    window.counted += cell.count
                    if let category = cube.category(of: cell) {
                        if cube.isStale(cell) {
                            window.stale += cell.count
                        } else {
                            window.recent[category, default: 0] += cell.count
                            if target.contains(category) { window.targeted += cell.count }
                        }
                    }
                }
                expected[facet, default: [:]][start] = window
            }
            #expect(windows.keys.sorted() == expected.keys.sorted())
            #expect(expected.values.contains { $0.values.contains { $0.stale > 0 && $0.targeted > 0 } })
            for (facet, byStart) in expected {
                let row = windows[facet] ?? CubeEvaluation.WindowRow()
                #expect(row.keys == byStart.keys.sorted(), "\(seconds) s, \(facet)")
                for (start, window) in byStart {
                    let mine = row[start]
                    #expect(mine?.records == window.records && mine?.counted == window.counted, "\(facet), \(start)")
                    #expect(mine?.targeted == window.targeted && mine?.stale == window.stale, "\(facet), \(start)")
                    #expect(mine?.judgement.byCategory == window.recent, "\(facet), \(start)")
                }
            }
        }
    }

    /// Sliding windows of a counting query are a running sum of the steps; they must be the
    /// windows that merging each step into every window spanning it gives.
    @Test(arguments: queries)
    func slidingWindowsEqualTheStepsMerged(nrql: String) throws {
        // Sparse billers, so that windows also start after gaps with no step at all.
        for seed: UInt64 in [5, 6] {
            let cube = Self.cube(seed: seed)
            let query = try NRQLQuery.parse(nrql, condition: "test")
            let target: Set<Category> = [.validation]
            let evaluation = CubeEvaluation(query: query, cube: cube)
            for (windowSeconds, stepSeconds) in [(300, 60), (900, 60), (1_800, 300), (3_600, 60), (600, 600)] {
                let sliding = evaluation.slidingWindows(windowSeconds: windowSeconds, stepSeconds: stepSeconds, target: target)
                let steps = evaluation.tumblingWindows(windowSeconds: stepSeconds, target: target)
                #expect(sliding.keys.sorted() == steps.keys.sorted())
                for (facet, byStep) in steps {
                    let expected = evaluation.mergedSlides(byStep, span: windowSeconds / stepSeconds, stepSeconds: stepSeconds,
                                                           windowSeconds: windowSeconds)
                    let mine = sliding[facet] ?? CubeEvaluation.WindowRow()
                    #expect(mine.keys.sorted() == expected.keys.sorted(), "\(windowSeconds)/\(stepSeconds) s, \(facet)")
                    for (start, window) in expected {
                        expectSame(mine[start], window, "\(windowSeconds)/\(stepSeconds) s, \(facet), \(start)")
                    }
                }
            }
        }
    }

    /// The tuner reads a WHERE and a FACET once per profile (the cells that differ only in
    /// their window): the matches and the windows must be those read cell by cell, also for a
    /// ticket's exclusion, which reads the time and so cannot be shared within a profile.
    @Test(arguments: [
        "SELECT count(*) FROM Log WHERE entity.name = 'pump' AND error.class IN ('E0', 'E1') FACET billerId",
        "SELECT percentage(count(*), WHERE error.class = 'E0') FROM Log WHERE entity.name = 'pump' AND durationMs > 2000 FACET billerId",
        "SELECT filter(count(*), WHERE staleInvoice IS NULL) FROM Log WHERE billerId LIKE 'B1%'",
        "SELECT count(*) FROM Log WHERE entity.name = 'pump' AND NOT (billerId IN ('B3', 'B4') AND timestamp >= 1794225600000) FACET billerId",
        "SELECT count(*) FROM Log WHERE timestamp < 1794211200000 FACET billerId, error.class",
    ])
    func profilesGiveWhatEachCellGives(nrql: String) throws {
        let cube = Self.cube(seed: 7)
        let profiles = cube.profiles()
        #expect(profiles.count * 5 < cube.cells.count, "a profile spans several windows")
        let query = try NRQLQuery.parse(nrql, condition: "test")
        let alone = CubeEvaluation.matches(of: query, cube: cube, cells: nil)
        let shared = CubeEvaluation.matches(of: query, cube: cube, cells: nil, profiles: profiles)
        #expect(!alone.isEmpty && alone.count < cube.cells.count)
        #expect(alone.map(\.cell) == shared.map(\.cell))
        #expect(alone.map(\.counted) == shared.map(\.counted))
        let target: Set<Category> = [.transient, .validation]
        let expected = CubeEvaluation(query: query, cube: cube).windows(windowSeconds: 300, target: target)
        let windows = CubeEvaluation(query: query, cube: cube, profiles: profiles).windows(windowSeconds: 300, target: target)
        expectSame(windows, expected, "300 s")
    }

    /// Every facet value's windows, start by start.
    private func expectSame(_ mine: [String: CubeEvaluation.WindowRow], _ expected: [String: CubeEvaluation.WindowRow],
                            _ place: String) {
        #expect(mine.keys.sorted() == expected.keys.sorted(), "\(place)")
        for (facet, byStart) in expected {
            let row = mine[facet] ?? CubeEvaluation.WindowRow()
            #expect(row.keys == byStart.keys, "\(place), \(facet)")
            for (start, window) in byStart { expectSame(row[start], window, "\(place), \(facet), \(start)") }
        }
    }

    private func expectSame(_ mine: CubeEvaluation.Window?, _ expected: CubeEvaluation.Window, _ place: String) {
        #expect(mine?.value == expected.value, "\(place)")
        #expect(mine?.judgement == expected.judgement, "\(place)")
        #expect(mine?.records == expected.records && mine?.counted == expected.counted, "\(place)")
        #expect(mine?.targeted == expected.targeted, "\(place)")
        #expect(mine?.accumulator?.recordCount == expected.accumulator?.recordCount, "\(place)")
    }
}
