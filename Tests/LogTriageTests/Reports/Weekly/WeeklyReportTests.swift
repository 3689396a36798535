import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriage
@testable import LogTriageBasics
@testable import LogTriageModel
@testable import LogTriageAlerts
import LogTriageTestSupport
import LogTriageReportsTestSupport

/// `report.md` on a generated week with alert conditions and a baseline built from the same
/// week, changed by hand: one cluster removed (so it is new this week), one made ten times
/// larger (so it fell) and one that no longer exists (so it is gone).
@Suite("Reports: the weekly report.md and its charts", .serialized)
struct WeeklyReportTests {
    static let goneID = "Cgone0000000"

    static let fixture: (report: WeeklyReport, newID: String, fellID: String)? = {
        guard let week = AlertReviewTests.week else { return nil }
        let result = week.result
        let clusters = result.clustering.clusters
        guard let new = clusters.first(where: { $0.classification.category == .deserialization }),
              let fell = clusters.first(where: { $0.id != new.id }) else { return nil }
        var baseline = clusters.filter { $0.id != new.id }.map {
            BaselineCluster(id: $0.id, count: $0.id == fell.id ? $0.count * 10 : $0.count,
                            category: $0.classification.category.rawValue, service: $0.service, template: $0.template)
        }
        baseline.append(BaselineCluster(id: goneID, count: 80, category: "transient", service: "ledger",
                                        template: "Ledger call <*> timed out | retried"))
        let counts = BaselineCounts(clusters: baseline, records: result.ingest.records,
                                    errorRecords: result.clustering.errorRecords,
                                    rangeStart: result.ingest.firstTimestamp, rangeEnd: result.ingest.lastTimestamp)
        guard let configuration = try? TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration) else { return nil }
        let comparison = WeekOverWeek.comparison(of: result, with: counts)
        let report = WeeklyReport(context: WeeklyReportContext(
            result: result, rules: configuration.categoryRules, slowThresholdMs: configuration.slowThresholdMs,
            comparison: comparison, comparisonSource: "a hand-made baseline"))
        return (report, new.id, fell.id)
    }()

    /// Every pipe table of a markdown text: runs of lines starting with `|`.
    static func tables(in markdown: String) -> [[String]] {
        var tables: [[String]] = []
        var current: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") {
                current.append(line)
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        if !current.isEmpty { tables.append(current) }
        return tables
    }

    @Test func sectionsComeInOrder() throws {
        let markdown = try #require(Self.fixture).report.markdown()
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == WeeklyReport.sectionTitles)
        #expect(markdown.hasPrefix("# LogTriage weekly report\n"))
    }

    @Test func everyTableIsWellFormed() throws {
        let markdown = try #require(Self.fixture).report.markdown()
        let tables = Self.tables(in: markdown)
        #expect(tables.count >= 8)
        for table in tables {
            let cells = table.map(RenderedTable.split)
            #expect(table.count >= 3, "\(table.first ?? "")")
            #expect(Set(cells.map(\.count)).count == 1, "\(table.first ?? "")")
            #expect(cells[1].allSatisfy { $0.range(of: "^:?-{2,}:?$", options: .regularExpression) != nil }, "\(table[1])")
            // Narrow enough to read: no row wider than a wide terminal would show comfortably.
            #expect(table.allSatisfy { DisplayText.width(of: $0) <= 320 }, "\(table.first ?? "")")
        }
    }

    @Test func theHeadlineIsSevenLinesWithATeamPerFinding() throws {
        let markdown = try #require(Self.fixture).report.markdown()
        let lines = markdown.components(separatedBy: "\n## ")[0].split(separator: "\n").dropFirst().filter { !$0.isEmpty }
        #expect(lines.count == 7, "\(lines)")
        #expect(lines[0].contains("records") && lines[0].contains("errors"))
        #expect(lines[1].contains("stale-invoice") && lines[1].contains("chronic"))
        // With an alert review: pages per team before and after, and the chronic failures to ticket.
        #expect(lines[2].hasPrefix("**Pages a week**") && lines[2].contains(" → "), "\(lines[2])")
        #expect(lines[3].hasPrefix("**Tickets:**"), "\(lines[3])")
        let actions = lines.filter { $0.hasPrefix("**Act now** (") }
        #expect(actions.count == 3)
        // The new error kind after a release is the first thing to act on.
        #expect(actions.first?.contains("**new**") == true, "\(actions)")
        // With the destination routing: sends it to (critical pages by default).
        #expect(actions.first?.contains("(sync → PagerDuty)") == true, "\(actions)")
    }

    @Test func newClustersComeFirstAndGoneOnesAreListed() throws {
        let fixture = try #require(Self.fixture)
        let markdown = fixture.report.markdown()
        let changes = markdown.components(separatedBy: "## What changed since last week")[1].components(separatedBy: "\n## ")[0]
        let table = try #require(Self.tables(in: changes).first)
        let body = table.dropFirst(2).map(RenderedTable.split)
        #expect(body.first?[0] == "**new** ⚠")
        #expect(body.first?[1] == "`\(fixture.newID)`")
        #expect(body.contains { $0[0] == "falling" && $0[1] == "`\(fixture.fellID)`" })
        #expect(body.contains { $0[0] == "gone" && $0[1] == "`\(Self.goneID)`" })
        // The gone cluster's template keeps its pipe inside one cell.
        #expect(body.contains { $0[4].contains("\\|") })
    }

    @Test func chartsAreWellFormedSVGAndEveryLinkResolves() throws {
        let report = try #require(Self.fixture).report
        let charts = report.charts()
        #expect(charts.contains { $0.name == ChartFileName.hourlyCategories })
        #expect(charts.contains { $0.name == ChartFileName.clusterSparklines })
        let proposals = report.context.result.alerts?.proposed.count ?? 0
        #expect(charts.filter { $0.name.hasPrefix("backtest-") }.count == proposals)
        for chart in charts { _ = try ParsedSVG.chart(chart.svg) }
        let markdown = report.markdown()
        let links = markdown.matches(of: /\]\(([^)]+\.svg)\)/).map { String($0.1) }
        #expect(Set(links) == Set(charts.map(\.name)))
    }

    @Test func categoriesCSVCarriesBaselineCountAndChangeThenTheReason() throws {
        let fixture = try #require(Self.fixture)
        let context = fixture.report.context
        let table = CategoriesTable.table(for: context.result.clustering, comparison: context.comparison)
        // `reason` is appended last; the columns before it keep their order.
        #expect(Array(table.header.suffix(3)) == ["baseline_count", "change", "reason"])
        let new = try #require(table.rows.first { $0[0] == fixture.newID })
        #expect(Array(new.dropLast().suffix(2)) == ["0", "new"])
        let cluster = try #require(context.result.clustering.clusters.first { $0.id == fixture.newID })
        #expect(new.last == cluster.classification.reasonText)
        #expect(new.last?.hasPrefix((cluster.classification.rule ?? "unclassified") + ":") == true)
        let gone = try #require(table.rows.first { $0[0] == Self.goneID })
        #expect(gone[8] == "0" && Array(gone.suffix(3)) == ["80", "gone", ""])
        let plain = CategoriesTable.table(for: context.result.clustering)
        #expect(plain.rows.allSatisfy { $0.dropLast().suffix(2) == ["", ""] && !($0.last ?? "").isEmpty })
    }

    /// A week with nothing in it still gives every section, well-formed, saying so.
    @Test func anEmptyWeekStillReadsWell() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let empty = try fixtures.plain("empty.json", [])
        let configuration = try TriageConfiguration.defaults()
        let result = try Analysis(configuration: configuration, alertConditions: []).run(InputPlan(arguments: [empty]))
        let report = WeeklyReport(context: WeeklyReportContext(result: result, rules: configuration.categoryRules,
                                                               slowThresholdMs: configuration.slowThresholdMs))
        let markdown = report.markdown()
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == WeeklyReport.sectionTitles)
        #expect(markdown.contains("no timed records"))
        #expect(markdown.contains("No actionable errors this week."))
        for table in Self.tables(in: markdown) {
            #expect(Set(table.map { RenderedTable.split($0).count }).count == 1)
        }
        #expect(report.charts().isEmpty)
        #expect(result.alerts?.proposed.isEmpty == true)
    }
}
