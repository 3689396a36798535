import Foundation
@testable import LogTriageIngest
@testable import LogTriageBasics
@testable import LogTriageReports
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageSample
@testable import LogTriage
@testable import LogTriageModel

/// Issue 16's targets measured on a generated week against its manifest (what the generator
/// planted), not against the review's own episodes: the failures that start during the week
/// and deserve a page or a warning, each opening a new incident on a proposal for its service
/// within its category's target; the share of the week the worst proposal is red; the critical
/// incidents; the chronic billers listed.
struct AlertQualityTargets {
    /// One planted failure that starts during the week. The pump's out-of-memory crashes and
    /// pool exhaustions are one manifest entry each but separate failures: one per instant.
    struct Planted: CustomStringConvertible {
        var id: String
        var service: String
        var category: Category
        var tier: Tier
        var biller: String?
        var errorClasses: [String]
        var start: Int64
        /// Its first record (the generator's), or `start` for the crashes and pool exhaustions
        /// planted at an instant: no alert on logs can know of a failure before it is logged.
        var firstRecord: Int64

        var description: String {
            "\(id)@\(ISO8601Time.minute(milliseconds: start))"
                + (firstRecord > start ? " (first record \(ISO8601Time.minute(milliseconds: firstRecord)))" : "")
        }
    }

    /// What the proposals did about one planted failure.
    struct Outcome: CustomStringConvertible {
        var planted: Planted
        /// Minutes from its first record to the first new incident answering it within the
        /// target, nil when none.
        var minutes: Double?
        /// The same counted from the manifest's start, which no alert can beat when the
        /// failure's first record comes later.
        var minutesFromStart: Double?
        /// Why not: the incidents open at its start, or the first after it.
        var why: String

        var detected: Bool { minutes != nil }
        var detectedFromStart: Bool { minutesFromStart != nil }
        var description: String {
            "\(planted): " + (minutes.map { "detected in \(Int($0)) min" + (minutesFromStart == nil ? " (late from its start)" : "") } ?? why)
        }
    }

    var outcomes: [Outcome] = []
    /// The proposal red the longest, with its share of the week.
    var worstRed: (name: String, share: Double) = ("", 0)
    var criticalIncidents = 0
    var chronicPlanted = 0
    var chronicListed = 0
    /// Billers listed as chronic whose failure started during the week.
    var wronglyChronic: [String] = []

    var detectedShare: Double {
        outcomes.isEmpty ? 1 : Double(outcomes.filter(\.detected).count) / Double(outcomes.count)
    }

    /// The row of a figures table: `label | detected from the first record | from the start |
    /// worst red | critical | chronic`.
    func row(_ label: String) -> String {
        let detected = outcomes.filter(\.detected).count, fromStart = outcomes.filter(\.detectedFromStart).count
        func percent(_ count: Int) -> String { "\(Int((Double(count) * 100 / Double(max(1, outcomes.count))).rounded()))%" }
        return "| \(label) | \(detected)/\(outcomes.count) (\(percent(detected))) | \(fromStart)/\(outcomes.count) (\(percent(fromStart))) | "
            + "\(String(format: "%.1f", worstRed.share * 100))% (\(worstRed.name)) | \(criticalIncidents) | "
            + "\(chronicPlanted == 0 ? "none planted" : "\(chronicListed)/\(chronicPlanted)") |"
    }

    /// Whether every target of the issue is met.
    var meetsTargets: Bool {
        10 * outcomes.filter(\.detected).count >= 9 * outcomes.count && worstRed.share <= 0.5 && criticalIncidents <= 40
            && (chronicPlanted == 0 || 8 * chronicListed >= 7 * chronicPlanted) && wronglyChronic.isEmpty
    }

    /// The planted failures of `manifest` that start during the week and need a page or a
    /// warning, in the category's tier of `rules`.
    static func planted(_ manifest: SampleExportManifest, rules: CategoryRules) -> [Planted] {
        var found: [Planted] = []
        for episode in manifest.episodes where episode.real && ["critical", "warning"].contains(episode.tier)
            && episode.startMs > manifest.weekStartMs {
            guard let category = Category(rawValue: episode.category) else { continue }
            let policy = rules.policy(for: category)
            guard policy.actionable else { continue }
            let classes = (episode.attributes["error.class"] ?? "").split(separator: "|").map { part in
                part.hasPrefix("$") ? String((episode.attributes["error.class"] ?? "").split(separator: "$")[0]) + part : String(part)
            }
            let starts: [Int64] = switch episode.id {
            case SampleEpisodeKind.pumpOutOfMemory.id: SampleEpisodeKind.outOfMemoryInstants
            case SampleEpisodeKind.pumpConnectionPool.id: SampleEpisodeKind.connectionPoolWindows.map(\.lowerBound)
            default: [episode.startMs]
            }
            for start in starts {
                let first = starts.count == 1 ? max(start, episode.firstRecordMs ?? start) : start
                found.append(Planted(id: episode.id, service: episode.service, category: category, tier: policy.tier,
                                     biller: episode.attributes["billerId"], errorClasses: classes, start: start,
                                     firstRecord: first))
            }
        }
        return found
    }

    /// Measures `review` against `manifest`.
    static func measure(_ review: AlertReview, manifest: SampleExportManifest, tuning: AlertTuning,
                        rules: CategoryRules) -> AlertQualityTargets {
        var figures = AlertQualityTargets()
        for planted in planted(manifest, rules: rules) {
            let target = Int64(tuning.detectionTargetSeconds(planted.tier)) * 1000
            var best: Int64?, bestFromStart: Int64?
            var open: [String] = []
            var after: (Int64, String)?
            for row in review.proposed where row.nrql.contains("'\(planted.service)'") {
                let facet = (try? NRQLQuery.parse(row.nrql, condition: row.name))?.facets ?? []
                for incident in row.incidents where !incident.incident.lossOfSignal && answers(incident, planted, facet: facet) {
                    let opened = incident.incident.opened
                    if opened >= planted.start && opened <= planted.start + target {
                        bestFromStart = min(bestFromStart ?? .max, opened - planted.start)
                    }
                    if opened >= planted.start && opened <= planted.firstRecord + target {
                        best = min(best ?? .max, max(0, opened - planted.firstRecord))
                    } else if opened < planted.start && incident.incident.closed > planted.start {
                        open.append("\(row.name) [\(incident.facet)] open since \(ISO8601Time.minute(milliseconds: opened))")
                    } else if opened > planted.firstRecord + target, after == nil || opened < after!.0 {
                        after = (opened, "\(row.name) [\(incident.facet)] at \(ISO8601Time.minute(milliseconds: opened))")
                    }
                }
            }
            let why = !open.isEmpty ? "masked by " + open.joined(separator: ", ")
                : after.map { "late: first new incident " + $0.1 } ?? "missed: no incident on a proposal for its service"
            figures.outcomes.append(Outcome(planted: planted, minutes: best.map { Double($0) / 60_000 },
                                            minutesFromStart: bestFromStart.map { Double($0) / 60_000 }, why: why))
        }
        for row in review.proposed where row.quality.redShare > figures.worstRed.share {
            figures.worstRed = (row.name, row.quality.redShare)
        }
        figures.criticalIncidents = review.proposed.reduce(0) { $0 + $1.quality.pages }
        let tickets = Set(manifest.episodes.filter { $0.tier == "ticket" }.compactMap { $0.attributes["billerId"] })
        let listed = Set(review.chronic.compactMap(\.billerId))
        figures.chronicPlanted = tickets.count
        figures.chronicListed = tickets.intersection(listed).count
        let started = Set(manifest.episodes.filter { $0.tier != "ticket" && $0.startMs > manifest.weekStartMs }
            .compactMap { $0.attributes["billerId"] })
        figures.wronglyChronic = listed.intersection(started).sorted()
        return figures
    }

    /// Whether an incident can answer the planted failure: an incident of one facet value only
    /// answers a failure of that biller (or exception class).
    static func answers(_ incident: ReviewIncident, _ planted: Planted, facet: [String]) -> Bool {
        guard facet.count == 1 else { return true }
        switch facet[0] {
        case "billerId": return planted.biller.map { $0 == incident.facet } ?? true
        case "error.class": return planted.errorClasses.isEmpty || planted.errorClasses.contains(incident.facet)
        default: return true
        }
    }

    /// A generated week and the week before it, analysed the way a weekly report reads them
    /// (last week first, for its chronic failures), with the bundled sample's conditions.
    struct GeneratedWeek {
        var manifest: SampleExportManifest
        var result: AnalysisResult
        var configuration: TriageConfiguration
        var logs: String
    }

    static func generatedWeek(seed: UInt64, chronic: Bool, conditions extra: String = "") throws -> GeneratedWeek {
        let root = NSTemporaryDirectory() + "logtriage-alert-targets-\(seed)-" + UUID().uuidString
        let manifest = try SampleExportGenerator.write(to: root + "/week", options: .init(seed: seed, chronicFailures: chronic))
        _ = try SampleExportGenerator.write(to: root + "/before", options: .init(seed: seed + 100, previousWeek: true,
                                                                                 chronicFailures: chronic))
        let configuration = try TriageConfiguration.load(path: AlertReviewTests.sampleConfiguration)
        var conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        if !extra.isEmpty { conditions += try AlertConditionsFile.parse(yaml: extra, path: "alerts.yml") }
        let before = try Analysis(configuration: configuration, alertConditions: [])
            .run(InputPlan(arguments: [root + "/before/logs"]))
        let result = try Analysis(configuration: configuration, alertConditions: conditions,
                                  previousWeek: WeekOverWeek.counts(of: before))
            .run(InputPlan(arguments: [root + "/week/logs"]))
        return GeneratedWeek(manifest: manifest, result: result, configuration: configuration, logs: root + "/week/logs")
    }
}
