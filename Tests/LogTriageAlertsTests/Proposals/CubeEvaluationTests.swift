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

    @Test(arguments: [
        "SELECT count(*) FROM Log WHERE entity.name = 'pump' AND error.class IN ('E0', 'E1') FACET billerId",
        "SELECT percentage(count(*), WHERE error.class IN ('E0', 'E1')) FROM Log WHERE entity.name = 'pump' FACET billerId",
        "SELECT filter(count(*), WHERE error.class IN ('E0', 'E1')) FROM Log WHERE entity.name = 'pump'",
        "SELECT average(durationMs) FROM Log WHERE entity.name = 'pump' FACET billerId",
    ])
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
            #expect(windows.keys.sorted() == expected.keys.sorted(), "\(seconds) s")
            for (facet, byStart) in expected {
                let mine = windows[facet] ?? [:]
                #expect(mine.keys.sorted() == byStart.keys.sorted(), "\(seconds) s, \(facet)")
                for (start, window) in byStart {
                    let other = mine[start]
                    #expect(other?.accumulator.value == window.accumulator.value, "\(seconds) s, \(facet), \(start)")
                    #expect(other?.accumulator.recordCount == window.accumulator.recordCount)
                    #expect(other?.judgement == window.judgement, "\(seconds) s, \(facet), \(start)")
                    #expect(other?.records == window.records && other?.targeted == window.targeted)
                }
            }
        }
    }
}
