import LogTriageModel
import LogTriageAnalysis

/// Finds the chronic failures on the signal cube: per failure subject (service, biller,
/// category), recent actionable failures in at least ``AlertTuning/chronicMinimumFailureShare``
/// of the subject's records and in at least ``AlertTuning/chronicMinimumHourShare`` of the
/// hours the biller (or the service, for records that name none) had records, from its first
/// active hours to its last, at a steady rate. With last week's chronic list, the subject must
/// be on it too, at a comparable weekly count: present through last week and this one.
/// Without one, chronic means failing through the whole export.
struct ChronicFailureFinder {
    let cube: SignalCube
    let rules: CategoryRules
    let tuning: AlertTuning
    /// The analysed range in epoch seconds.
    let range: ClosedRange<Int64>
    let subjectClusters: [FailureSubject: SubjectClusters]
    /// Last week's chronic failures and its length, when known per biller.
    let previous: (failures: [BaselineChronicFailure], durationMs: Int64?)?

    /// How far the weekly count may move either way and still be steady.
    static let steadyFactor = 3.0
    /// The share of an owner's active hours (and of the export's hours) at each end in which
    /// the failure must already, and still, be present.
    static let edgeShare = 0.1
    /// The least share of the export's hours with a failure: a few crashes in a service that
    /// otherwise logs nothing without a biller are not a week of failure.
    static let minimumHourShareOfExport = 0.15

    /// A service and biller by their indices among the cube's names: keyed by their texts, the
    /// owners of every cell were hashed letter by letter (3% of the review's instructions).
    private struct Owner: Hashable {
        var service: Int32
        var billerId: Int32
    }

    private struct OwnedFailure: Hashable {
        var owner: Owner
        var category: Category
    }

    func find() -> [ChronicFailure] {
        var activeHours: [Owner: Set<Int64>] = [:]
        var records: [Owner: Int] = [:]
        var failing: [OwnedFailure: [Int64: Int]] = [:]
        // A cell without a service is the service `(none)`, as `cube.service(of:)` reads it,
        // whether or not a record named that service too.
        let noService = cube.nameIndex(RecordFacts.noService) ?? -1
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
            let owner = Owner(service: cell.key.service < 0 ? noService : cell.key.service, billerId: cell.key.billerId)
            let hour = Self.hour(ofSecond: cell.key.windowStart)
            activeHours[owner, default: []].insert(hour)
            records[owner, default: 0] += cell.count
            guard let category = cube.category(of: cell), rules.policy(for: category).actionable else { continue }
            failing[OwnedFailure(owner: owner, category: category), default: [:]][hour, default: 0] += cell.count
        }
        let middle = Self.hour(ofSecond: (range.lowerBound + range.upperBound) / 2)
        var found: [ChronicFailure] = []
        let subjects = failing.keys.map { failure in
            (subject: FailureSubject(service: cube.name(failure.owner.service) ?? RecordFacts.noService,
                                     billerId: cube.name(failure.owner.billerId), category: failure.category),
             failure: failure)
        }
        for (subject, failure) in subjects.sorted(by: { $0.subject < $1.subject }) {
            let owner = failure.owner
            guard subject.service != RecordFacts.noService, let hours = activeHours[owner], !hours.isEmpty,
                  let total = records[owner], total > 0 else { continue }
            let byHour = failing[failure]!
            let failures = byHour.values.reduce(0, +)
            let failureShare = Double(failures) / Double(total)
            let hourShare = Double(byHour.count) / Double(hours.count)
            guard failureShare >= tuning.chronicMinimumFailureShare, hourShare >= tuning.chronicMinimumHourShare else {
                continue
            }
            // Present from the owner's first active hours to its last, which themselves lie at
            // the ends of the export, over a good part of its hours.
            let active = hours.sorted()
            let edge = max(1, Int((Double(active.count) * Self.edgeShare).rounded(.up)))
            let firstHour = Self.hour(ofSecond: range.lowerBound), lastHour = Self.hour(ofSecond: range.upperBound)
            let rangeEdge = Int64((Double(lastHour - firstHour + 1) * Self.edgeShare).rounded(.up))
            guard active.prefix(edge).contains(where: { byHour[$0] != nil }),
                  active.suffix(edge).contains(where: { byHour[$0] != nil }),
                  let firstFailing = byHour.keys.min(), let lastFailing = byHour.keys.max(),
                  firstFailing - firstHour <= rangeEdge, lastHour - lastFailing <= rangeEdge,
                  Double(byHour.count) >= Self.minimumHourShareOfExport * Double(lastHour - firstHour + 1) else { continue }
            // Steady: the rate per active hour of each half of the export within a factor.
            let firstHalf = active.filter { $0 < middle }, secondHalf = active.filter { $0 >= middle }
            if !firstHalf.isEmpty, !secondHalf.isEmpty {
                let early = Double(firstHalf.reduce(0) { $0 + (byHour[$1] ?? 0) }) / Double(firstHalf.count)
                let late = Double(secondHalf.reduce(0) { $0 + (byHour[$1] ?? 0) }) / Double(secondHalf.count)
                guard early > 0, late > 0, max(early, late) / min(early, late) <= Self.steadyFactor else { continue }
            }
            var baselineCount: Int?
            if let previous {
                guard let match = previous.failures.first(where: {
                    $0.service == subject.service && $0.billerId == (subject.billerId ?? "")
                        && $0.category == subject.category.rawValue
                }) else { continue }
                baselineCount = match.count
                let thisWeek = Double(failures) / Double(max(1, range.upperBound - range.lowerBound) * 1000)
                let lastWeek = Double(match.count) / Double(max(1, previous.durationMs ?? (range.upperBound - range.lowerBound) * 1000))
                guard lastWeek > 0, max(thisWeek, lastWeek) / min(thisWeek, lastWeek) <= Self.steadyFactor else { continue }
            }
            let clusters = subjectClusters[subject]
            found.append(ChronicFailure(
                subject: subject, provisionalCluster: clusters?.mainCluster,
                firstSeen: clusters.map(\.first) ?? active.first! * 3_600_000,
                lastSeen: clusters.map(\.last) ?? (active.last! + 1) * 3_600_000,
                count: failures, baselineCount: baselineCount,
                owner: rules.classification(for: subject.category, service: subject.service).team,
                failureShare: failureShare, hourShare: hourShare, sinceBeforeLastWeek: previous != nil))
        }
        return found
    }

    /// The hour (since the epoch) holding `second`.
    static func hour(ofSecond second: Int64) -> Int64 {
        second >= 0 ? second / 3_600 : -((-second + 3_599) / 3_600)
    }
}

extension Array where Element == ChronicFailure {
    /// Whether a record of `service`, `billerId` and `category` belongs to a chronic failure (a
    /// whole-service one, without biller, holds the service's records that name none).
    func contains(service: String, billerId: String?, category: Category) -> Bool {
        contains { $0.service == service && $0.category == category && $0.billerId == billerId }
    }
}
