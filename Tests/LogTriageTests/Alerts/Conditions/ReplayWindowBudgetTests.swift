import Foundation
import Testing
import LogTriageIngest
import LogTriageAnalysis
import LogTriageModel
@testable import LogTriageAlerts
import LogTriageReports
@testable import LogTriage
import LogTriageTestSupport

/// The replay keeps at most `alerts.replayWindowBudget` windows of all conditions together: a
/// thousand faceted conditions ran a run out of memory. The conditions listed last are let go,
/// each listed as not backtested with the reason, and those kept are backtested exactly as in
/// a run without the others.
@Suite("Alerts: the replay's window budget")
struct ReplayWindowBudgetTests {
    static let base: Int64 = 1_794_182_400_000
    static let settings = "window_s: 60\n  critical: {operator: above, threshold: 0, duration_s: 60}"
    /// Each faceted by biller over 3 hours of one record a minute: 180 windows and 10 facet
    /// values (200 storage units) for the first two, 180 for the third, 182 for the unfaceted.
    static let queries = [
        "SELECT count(*) FROM Log FACET billerId",
        "SELECT count(*) FROM Log WHERE level = 'ERROR' FACET billerId",
        "SELECT count(*) FROM Log WHERE billerId != 'B0' FACET billerId",
        "SELECT count(*) FROM Log",
    ]

    /// Runs the analysis over two gzip files (in `order`) and writes its reports; returns the
    /// review and the reports' directory.
    static func run(conditions count: Int, budget: Int?, jobs: Int = 1, reversed: Bool = false,
                    in fixtures: InputFixtures, out: String) throws -> AlertReview {
        let lines = (0..<180).map {
            "{\"timestamp\":\(Self.base + Int64($0) * 60_000),\"level\":\"ERROR\",\"message\":\"call failed with status 503\","
                + "\"entity.name\":\"rtd-gateway\",\"billerId\":\"B\($0 % 10)\"}\n"
        }
        let files = [try fixtures.gzip("early.json.gz", members: [Array(lines[..<90].joined().utf8)]),
                     try fixtures.gzip("late.json.gz", members: [Array(lines[90...].joined().utf8)])]
        return try analyze(Array(Self.queries.prefix(count)), named: "c", budget: budget, jobs: jobs,
                           files: reversed ? files.reversed() : files, reportsTo: fixtures.path(out))
    }

    /// Backtests `queries` (named `prefix` 0, 1, …, with ``settings``) over `files` with the
    /// budget given (nil: the default), writing the reports when `reportsTo` names a folder.
    static func analyze(_ queries: [String], named prefix: String, budget: Int?, jobs: Int = 1, files: [String],
                        reportsTo directory: String? = nil) throws -> AlertReview {
        let yaml = queries.enumerated().map { "- name: \(prefix)\($0)\n  nrql: \"\($1)\"\n  \(Self.settings)\n" }.joined()
        var configuration = try TriageConfiguration.defaults()
        if let budget { configuration.alertTuning.replayWindowBudget = budget }
        let analysis = Analysis(configuration: configuration, alertConditions: try AlertConditionsLoader.parse(yaml, path: "alerts.yml"),
                                jobs: jobs)
        let result = try analysis.run(InputPlan(arguments: files))
        if let directory { try analysis.writeReports(result, to: directory) }
        return try #require(result.alerts)
    }

    static func current(_ review: AlertReview, _ name: String) throws -> ConditionReview {
        try #require(review.current.first { $0.name == name })
    }

    /// The rows of alerts.csv for the current conditions `names`.
    static func rows(_ fixtures: InputFixtures, _ out: String, _ names: [String]) throws -> [String] {
        let text = try String(contentsOfFile: fixtures.path(out + "/alerts.csv"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { row in names.contains { row.hasPrefix("\($0),current,") } }
    }

    @Test func theLastConditionsOverTheBudgetAreNotBacktestedAndTheOthersAreUnchanged() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        // 400 units fit; the third condition would take the store to 580.
        let review = try Self.run(conditions: 4, budget: 450, in: fixtures, out: "budget")
        for name in ["c2", "c3"] {
            let refusal = try #require(try Self.current(review, name).refusal, "\(name)")
            #expect(refusal.kind == "memory")
            #expect(refusal.description.contains("more than the 450 windows LogTriage keeps in memory"), "\(refusal)")
            let incidents = try Self.current(review, name).figures.incidents
            #expect(incidents == 0)
        }
        for name in ["c0", "c1"] {
            let kept = try Self.current(review, name)
            #expect(kept.refusal == nil && kept.figures.incidents > 0)
        }
        let report = try String(contentsOfFile: fixtures.path("budget/report.md"), encoding: .utf8)
        #expect(report.contains("alerts.replayWindowBudget"))
        // The conditions kept are backtested as if alone, with the default budget.
        let alone = try Self.run(conditions: 2, budget: nil, in: fixtures, out: "alone")
        for name in ["c0", "c1"] {
            let budgeted = try Self.current(review, name).figures, unbudgeted = try Self.current(alone, name).figures
            #expect(budgeted == unbudgeted)
        }
        let kept = try Self.rows(fixtures, "budget", ["c0", "c1"])
        let keptAlone = try Self.rows(fixtures, "alone", ["c0", "c1"])
        #expect(kept.count == 2 && kept == keptAlone)
        // Which conditions fit depends on the whole input only: not on the files' order, nor on the jobs.
        for (jobs, reversed) in [(2, false), (1, true), (4, true)] {
            let other = try Self.run(conditions: 4, budget: 450, jobs: jobs, reversed: reversed, in: fixtures, out: "other")
            #expect(other.current.map(\.refusal) == review.current.map(\.refusal))
            for name in ["report.md", "alerts.csv", "incidents.csv"] {
                let mine = try String(contentsOfFile: fixtures.path("budget/" + name), encoding: .utf8)
                let theirs = try String(contentsOfFile: fixtures.path("other/" + name), encoding: .utf8)
                #expect(mine == theirs, "\(name), jobs \(jobs), reversed \(reversed)")
            }
        }
        // With room for all, none is let go.
        let roomy = try Self.run(conditions: 4, budget: 762, in: fixtures, out: "roomy")
        #expect(roomy.current.allSatisfy { $0.refusal == nil })
        let tight = try Self.run(conditions: 4, budget: 761, in: fixtures, out: "tight")
        #expect(tight.current.map { $0.refusal?.kind } == [nil, nil, nil, "memory"])
    }

    /// A window that keeps values weighs what they take: 2,000 distinct accounts in one minute
    /// make a `uniqueCount` window of about 17 KB (60-odd units), where a count's is one.
    @Test func aWindowHoldingValuesWeighsItsBytes() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let lines = (0..<2_000).map {
            "{\"timestamp\":\(Self.base + Int64($0) * 20),\"level\":\"ERROR\",\"message\":\"call failed\","
                + "\"entity.name\":\"rtd-gateway\",\"accountId\":\"A\($0)\"}\n"
        }
        let file = try fixtures.gzip("minute.json.gz", members: [Array(lines.joined().utf8)])
        let queries = ["SELECT count(*) FROM Log", "SELECT uniqueCount(accountId) FROM Log",
                       "SELECT count(*) FROM Log WHERE level = 'ERROR'"]
        func review(budget: Int) throws -> AlertReview {
            try Self.analyze(queries, named: "u", budget: budget, files: [file])
        }
        // Three units for each count (its signal and one window); the uniqueCount's does not fit in 40.
        let tight = try review(budget: 40)
        #expect(try Self.current(tight, "u0").refusal == nil)
        for name in ["u1", "u2"] { #expect(try Self.current(tight, name).refusal?.kind == "memory", "\(name)") }
        let roomy = try review(budget: 100)
        for name in ["u0", "u1", "u2"] { #expect(try Self.current(roomy, name).refusal == nil, "\(name)") }
    }
}
