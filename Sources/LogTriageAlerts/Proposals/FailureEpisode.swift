import Foundation
import LogTriageBasics
import LogTriageModel

/// A burst of recent, actionable failures of one kind — one service and category, and one
/// biller, endpoint or queue where the service's failures of the category belong to one
/// (`alerts.facetBy`, ``SubjectAttributes``) — that starts during
/// the week: what an alert should page for, promptly and once. Found in the week's own data,
/// so every condition's backtest can say which it detected, which it masked and which it missed.
public struct FailureEpisode: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    public var category: Category
    /// The tier of the category: it sets the detection target (``AlertTuning/detectionTargetMinutes``).
    public var tier: Tier
    /// The attribute the failure belongs to (`billerId`, an endpoint or a queue) and its value,
    /// when it belongs to one.
    public var subjectAttribute: String?
    public var subject: String?
    /// `error.class` values of its failures, sorted.
    public var errorClasses: [String]
    /// Epoch ms: the start of the first window and the end of the last.
    public var start: Int64
    public var end: Int64
    public var records: Int
    /// Whether it was already failing in the export's first window: its start may lie before
    /// the data, so no condition can be judged on how fast it noticed.
    public var startsWithExport: Bool

    public init(service: String, category: Category, tier: Tier, subjectAttribute: String? = nil,
                subject: String? = nil, errorClasses: [String] = [], start: Int64, end: Int64, records: Int,
                startsWithExport: Bool = false) {
        self.service = service
        self.category = category
        self.tier = tier
        self.subjectAttribute = subjectAttribute
        self.subject = subject
        self.errorClasses = errorClasses
        self.start = start
        self.end = end
        self.records = records
        self.startsWithExport = startsWithExport
    }

    /// `rtd-gateway endpoint_auth B009 2026-11-12 09:00Z–2026-11-15 23:55Z (655)`.
    public var description: String {
        "\(service) \(category.rawValue)\(subject.map { " \($0)" } ?? "") \(ISO8601Time.minute(milliseconds: start))–\(ISO8601Time.minute(milliseconds: end)) (\(records))"
    }

    /// The significance a burst needs against the failures of its kind just before it: the
    /// chance that the kind's usual rate gives as many failures in as long is at most this.
    static let significance = 0.0001
    /// How far back the recent rate of a kind is read.
    static let priorSeconds: Int64 = 6 * 3_600
    /// How long after an episode a run at a comparable rate still goes on with it: a quiet night.
    static let continuationSeconds: Int64 = 12 * 3_600
    /// How far from the same time the day before a burst still counts as the same daily one.
    static let recurrenceSlack: Int64 = 90 * 60_000

    /// Episodes in `cube`, sorted by start.
    ///
    /// Per kind, windows with recent failures at most `episodeGapWindows` apart (an hour by
    /// default, so a sparse biller's failure is one) form runs. A run is an episode when it
    /// holds at least `episodeMinimumRecords` failures (critical categories:
    /// `minimumCriticalFailures`, since one out-of-memory crash is worth a page) and is a
    /// burst: its kind's failures in the hours before (early in the export, its background
    /// over the export) make as many in as long unlikely (``significance``), and no burst at
    /// least a third its size came at the same time the day before (a nightly batch's retried
    /// failures recur, a new failure does not). A later run at a comparable rate within twelve
    /// hours of an episode's end goes on with it, so a steady trickle (a consumer failing a few
    /// times an hour since a release) is one episode, not one per quiet night; one significantly
    /// more than three times as fast as the episode is a new episode. Background
    /// failures spread over the week are not episodes, and chronic failures are left out.
    static func find(in cube: SignalCube, policy: (Category) -> (actionable: Bool, tier: Tier), tuning: AlertTuning,
                     subjects: SubjectAttributes, chronic: [ChronicFailure], range: ClosedRange<Int64>) -> [FailureEpisode] {
        struct Kind: Hashable {
            var service: String
            var category: Category
            var subject: String?
        }
        var perKind: [Kind: [Int64: Int]] = [:]
        var classes: [Kind: Set<String>] = [:]
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
            guard let category = cube.category(of: cell), policy(category).actionable else { continue }
            let service = cube.service(of: cell)
            if chronic.contains(service: service, billerId: cube.billerId(of: cell), category: category) { continue }
            let attribute = subjects.attribute(service: service, category: category)
            let subject = attribute.flatMap { cube.record(of: cell).value(of: $0)?.text }
            let kind = Kind(service: service, category: category, subject: subject)
            perKind[kind, default: [:]][cell.key.windowStart, default: 0] += cell.count
            if let errorClass = cube.errorClass(of: cell) { classes[kind, default: []].insert(errorClass) }
        }
        let step = Int64(cube.baseWindowSeconds) * 1000
        let gap = Int64(tuning.episodeGapWindows) * step
        let firstWindow = WindowSeries.windowStart(ofSecond: range.lowerBound, windowSeconds: cube.baseWindowSeconds) * 1000
        var episodes: [FailureEpisode] = []
        for kind in perKind.keys.sorted(by: { ($0.service, $0.category.index, $0.subject ?? "") < ($1.service, $1.category.index, $1.subject ?? "") }) {
            let windows = perKind[kind]!.sorted { $0.key < $1.key }
            let tier = policy(kind.category).tier
            // Runs of windows at most `gap` apart.
            var runs: [(start: Int64, end: Int64, records: Int)] = []
            for (start, count) in windows {
                let begin = start * 1000
                if var last = runs.last, begin <= last.end + gap {
                    last.end = begin + step
                    last.records += count
                    runs[runs.count - 1] = last
                } else {
                    runs.append((begin, begin + step, count))
                }
            }
            let minimum = tier == .critical ? max(1, tuning.minimumCriticalFailures) : tuning.episodeMinimumRecords
            let rangeStart = range.lowerBound * 1000, rangeEnd = (range.upperBound + 1) * 1000
            // Early in the export the kind's background is read over the whole export, leaving
            // out the runs big enough to be episodes.
            let candidates = runs.filter { $0.records >= minimum }
            let background = windows.reduce(0) { $0 + $1.value } - candidates.reduce(0) { $0 + $1.records }
            let backgroundSpan = Double(rangeEnd - rangeStart - candidates.reduce(0) { $0 + ($1.end - $1.start) })
            var found: [FailureEpisode] = []
            for run in runs {
                // A run at a comparable rate soon after an episode of its kind goes on with it:
                // a trickle across a quiet night is one failure, not a new one each morning. A
                // run more than three times as fast, and significantly so, is a new failure (an
                // outage after a trickle of timeouts), not more of the same.
                if var last = found.last, run.start - last.end <= continuationSeconds * 1000,
                   case let episodeRate = Double(last.records) / Double(max(step, last.end - last.start)),
                   3 * rate(of: run) >= episodeRate,
                   rate(of: run) <= 3 * episodeRate
                    || logPoissonTail(atLeast: run.records, mean: 3 * episodeRate * Double(run.end - run.start)) > log(significance) {
                    last.end = run.end
                    last.records += run.records
                    found[found.count - 1] = last
                    continue
                }
                guard run.records >= minimum else { continue }
                // The kind's recent rate: the hours before, else, with too little history, its
                // background over the export.
                let priorStart = run.start - priorSeconds * 1000
                let usual: Double
                if priorStart >= rangeStart {
                    let before = windows.filter { $0.key * 1000 >= priorStart && $0.key * 1000 < run.start }
                        .reduce(0) { $0 + $1.value }
                    usual = Double(before) / Double(priorSeconds * 1000)
                } else {
                    usual = backgroundSpan > 0 ? Double(max(0, background)) / backgroundSpan : 0
                }
                guard logPoissonTail(atLeast: run.records, mean: usual * Double(run.end - run.start)) <= log(significance) else {
                    continue
                }
                // A burst at the same time the day before, at least a third as large, makes this
                // one a daily pattern (a nightly batch, a scheduled run), not a new failure.
                let dayBefore = (run.start - 86_400_000 - recurrenceSlack)...(run.end - 86_400_000 + recurrenceSlack)
                if runs.contains(where: {
                    $0.end <= run.start && dayBefore.overlaps($0.start...$0.end) && 3 * $0.records >= run.records
                }) {
                    continue
                }
                // Background failures that happened to come just before belong to no burst:
                // the episode starts where what is left of the run stands out most.
                var start = run.start, records = run.records
                var best = logPoissonTail(atLeast: run.records, mean: usual * Double(run.end - run.start))
                var remaining = run.records
                for window in windows where window.key * 1000 >= run.start && window.key * 1000 < run.end {
                    if window.key * 1000 > run.start {
                        let score = logPoissonTail(atLeast: remaining, mean: usual * Double(run.end - window.key * 1000))
                        if score < best {
                            best = score
                            start = window.key * 1000
                            records = remaining
                        }
                    }
                    remaining -= window.value
                    if remaining < minimum { break }
                }
                found.append(FailureEpisode(
                    service: kind.service, category: kind.category, tier: tier,
                    subjectAttribute: kind.subject == nil ? nil : subjects.attribute(service: kind.service, category: kind.category),
                    subject: kind.subject, errorClasses: (classes[kind] ?? []).sorted(), start: start, end: run.end,
                    records: records, startsWithExport: run.start <= firstWindow))
            }
            episodes += found
        }
        return episodes.sorted {
            ($0.start, $0.service, $0.category.index, $0.subject ?? "") < ($1.start, $1.service, $1.category.index, $1.subject ?? "")
        }
    }

    /// Failures per millisecond of a run, over at least one hour.
    private static func rate(of run: (start: Int64, end: Int64, records: Int)) -> Double {
        Double(run.records) / Double(max(3_600_000, run.end - run.start))
    }

    /// log P(X ≥ n) for X Poisson with `mean`: exact where the tail is large, summed from
    /// P(X = n) upward where it is tiny, so bursts far beyond a kind's rate still compare.
    static func logPoissonTail(atLeast n: Int, mean: Double) -> Double {
        guard n > 0 else { return 0 }
        guard mean > 0 else { return -.infinity }
        if Double(n) <= mean {
            var term = exp(-mean), below = term
            for k in stride(from: 1, to: n, by: 1) {
                term *= mean / Double(k)
                below += term
            }
            return log(max(1e-300, 1 - below))
        }
        // P(X = n) · (1 + λ/(n+1) + λ²/((n+1)(n+2)) + …), the series converging as n > λ.
        let first = -mean + Double(n) * log(mean) - lgamma(Double(n) + 1)
        var sum = 1.0, term = 1.0, k = n
        while term > 1e-12 * sum {
            k += 1
            term *= mean / Double(k)
            sum += term
        }
        return first + log(sum)
    }
}
