import LogTriageModel

/// Picks a proposal's window, threshold and duration from the week's own window values,
/// and backtests the result on the signal cube.
struct ProposalTuner {
    let cube: SignalCube
    let tuning: AlertTuning
    let nonActionable: Set<String>
    /// The analysed range in epoch seconds.
    let range: ClosedRange<Int64>

    struct Tuned {
        var query: NRQLQuery
        var windowSeconds: Int
        var threshold: AlertThreshold
        var incidents: [ReviewIncident]
        var chart: ReviewChart?
        var notes: [String]
        /// Why this form of query and not the others: each other form's best, or why it could not be used.
        var formNotes: [String] = []
    }

    /// Tries each form, window and duration, with the threshold each window's quiet values
    /// call for, and keeps the one that catches the most of `episodes`, then pages least on
    /// noise, flaps least, opens fewest incidents; ties go to the preferred form, the
    /// shorter window and the shorter duration. Nil when no attribute names the failures.
    func tune(_ plan: ProposalPlan, episodes: [FailureEpisode]) -> Tuned? {
        let target = plan.categories
        let minimumFailures = plan.tier == .critical ? tuning.minimumCriticalFailures : tuning.minimumWarningFailures
        let choices = tuning.windowChoicesSeconds.filter {
            $0 > 0 && $0 % cube.baseWindowSeconds == 0 && (plan.tier == .warning || $0 <= tuning.criticalMaxWindowSeconds)
        }.sorted()
        typealias Score = (caught: Int, noise: Int, flapping: Int, incidents: Int, form: Int, window: Int, windows: Int,
                           occurrences: Int)
        func better(_ a: Score, _ b: Score) -> Bool {
            if a.caught != b.caught { return a.caught > b.caught }
            if (a.noise, a.flapping, a.incidents) != (b.noise, b.flapping, b.incidents) {
                return (a.noise, a.flapping, a.incidents) < (b.noise, b.flapping, b.incidents)
            }
            return (a.form, a.window, a.windows, a.occurrences) < (b.form, b.window, b.windows, b.occurrences)
        }
        var best: (score: Score, tuned: Tuned)?
        var bestOfForm: [Int: Score] = [:]
        var largestMedian: [Int: Int] = [:]
        let cells = cube.cells(ofService: plan.service)
        for (rank, form) in plan.forms.enumerated() {
            guard let query = plan.query(form, slowThresholdMs: cube.slowThresholdMs) else { return nil }
            let evaluation = CubeEvaluation(query: query, cube: cube, cells: cells)
            for windowSeconds in choices {
                let windows = evaluation.windows(windowSeconds: windowSeconds, target: target)
                var notes: [String] = []
                var floor = Double(minimumFailures - 1)
                if !query.zeroWhenEmpty {
                    let volumes = windows.values.flatMap { $0.values.map(\.records) }.filter { $0 > 0 }.sorted()
                    let median = volumes.isEmpty ? 0 : volumes[volumes.count / 2]
                    largestMedian[rank] = max(largestMedian[rank] ?? 0, median)
                    guard median >= tuning.minimumVolume else { continue }
                    floor = 100 * Double(minimumFailures) / Double(median)
                    notes.append("\(windowSeconds / 60)-minute windows: the median window \(query.facets.isEmpty ? "" : "of a \(query.facets.joined(separator: ", ")) value ")holds \(median) records (minimum \(tuning.minimumVolume))")
                }
                let quietLevel = quietPercentile(windows, query: query, windowSeconds: windowSeconds)
                let value: Double
                if query.zeroWhenEmpty {
                    value = max(quietLevel.rounded(.up), floor)
                    notes.append("\(windowSeconds / 60)-minute windows; threshold above \(NRQLValue.format(value)): quiet windows reach \(NRQLValue.format(quietLevel)) at p\(NRQLValue.format(tuning.quietPercentile)), and a page needs at least \(minimumFailures) failure\(minimumFailures == 1 ? "" : "s")")
                } else {
                    value = min(Self.niceCeiling(max(quietLevel, floor)), 95)
                    notes.append("threshold above \(NRQLValue.format(value))%: quiet windows reach \(Self.percent(quietLevel)) at p\(NRQLValue.format(tuning.quietPercentile)), and \(minimumFailures) failure\(minimumFailures == 1 ? "" : "s") in a median window is \(Self.percent(floor))")
                }
                for count in 1...3 {
                  for occurrences in ThresholdOccurrences.allCases {
                    // One window: both modes are the same; keep the plainer `all`.
                    if count == 1 && occurrences == .atLeastOnce { continue }
                    let threshold = AlertThreshold(operator: .above, value: value, durationSeconds: count * windowSeconds,
                                                   occurrences: occurrences)
                    let incidents = backtest(windows: windows, query: query, windowSeconds: windowSeconds,
                                             threshold: threshold, tier: plan.tier)
                    let caught = episodes.filter { $0.isCaught(by: incidents.map(\.incident)) }.count
                    var figures = BacktestFigures()
                    for incident in incidents { figures.add(incident.incident, isNoise: incident.noise) }
                    let score: Score = (caught, figures.noiseIncidents, figures.flappingIncidents, figures.incidents,
                                        rank, windowSeconds, count, occurrences == .all ? 0 : 1)
                    if bestOfForm[rank].map({ better(score, $0) }) ?? true { bestOfForm[rank] = score }
                    guard best == nil || better(score, best!.score) else { continue }
                    var chosenNotes = notes
                    if count > 1 {
                        chosenNotes.append(occurrences == .all ? "for \(count * windowSeconds / 60) minutes"
                            : "at least once in \(count * windowSeconds / 60) minutes, so a steady failure keeps one incident open")
                    }
                    best = (score, Tuned(query: query, windowSeconds: windowSeconds, threshold: threshold,
                                         incidents: incidents,
                                         chart: chart(windows: windows, query: query, windowSeconds: windowSeconds,
                                                      threshold: threshold, incidents: incidents),
                                         notes: chosenNotes))
                  }
                }
            }
        }
        guard var chosen = best else { return nil }
        for (rank, form) in plan.forms.enumerated() where rank != chosen.score.form {
            let name = Self.describe(form)
            if let score = bestOfForm[rank] {
                chosen.tuned.formNotes.append("\(name) would catch \(score.caught) of \(episodes.count) episodes with \(score.incidents) incidents (\(score.noise) noise)")
            } else if let median = largestMedian[rank] {
                chosen.tuned.formNotes.append("\(name) has too few calls: \(median) in the median window at most (minimum \(tuning.minimumVolume))")
            }
        }
        return chosen.tuned
    }

    /// A form of query in words.
    static func describe(_ form: ProposalPlan.Form) -> String {
        switch form {
        case let .ratioPer(attribute): "a failure ratio per \(attribute)"
        case .ratio: "a failure ratio of the service"
        case .count: "a failure count"
        }
    }

    /// The `quietPercentile` of the values of windows holding no targeted recent failure:
    /// every window of the range for zero-filled queries, else the windows with a value.
    private func quietPercentile(_ windows: [String: [Int64: CubeEvaluation.Window]], query: NRQLQuery,
                                 windowSeconds: Int) -> Double {
        var quiet: [Double] = []
        let facets = query.facets.isEmpty ? [""] : windows.keys.sorted()
        for facet in facets {
            let byWindow = windows[facet] ?? [:]
            if query.zeroWhenEmpty {
                var start = WindowSeries.windowStart(ofSecond: range.lowerBound, windowSeconds: windowSeconds)
                while start <= range.upperBound {
                    let window = byWindow[start]
                    if (window?.targeted ?? 0) == 0 { quiet.append(window?.accumulator.value ?? 0) }
                    start += Int64(windowSeconds)
                }
            } else {
                for window in byWindow.values where window.targeted == 0 {
                    if let value = window.accumulator.value { quiet.append(value) }
                }
            }
        }
        guard !quiet.isEmpty else { return 0 }
        quiet.sort()
        let rank = Int((Double(quiet.count) * tuning.quietPercentile / 100).rounded(.up)) - 1
        return quiet[min(quiet.count - 1, max(0, rank))]
    }

    /// A proposal as its backtest replays it: New Relic's rules with the settings the
    /// proposal is written with (a count fills quiet windows with 0; a ratio leaves them
    /// empty; incidents force-close after a day), each window evaluated at its end (the
    /// signal cube keeps no record times; New Relic's event timer evaluates it a timer later).
    static func replayed(query: NRQLQuery, windowSeconds: Int, threshold: AlertThreshold) -> AlertCondition {
        AlertCondition(name: "proposal", nrql: query.description, windowSeconds: windowSeconds,
                       fill: query.zeroWhenEmpty ? .static(0) : .none, aggregationMethod: .cadence,
                       aggregationDelaySeconds: 0, violationTimeLimitSeconds: ProposalSettings.violationTimeLimitSeconds,
                       critical: threshold)
    }

    func backtest(windows: [String: [Int64: CubeEvaluation.Window]], query: NRQLQuery, windowSeconds: Int,
                  threshold: AlertThreshold, tier: Tier) -> [ReviewIncident] {
        var result: [ReviewIncident] = []
        let facets = query.facets.isEmpty ? [""] : windows.keys.sorted()
        for facet in facets {
            let byWindow = windows[facet] ?? [:]
            var points: [Int64: ReplayPoint] = [:]
            for (start, window) in byWindow where window.records > 0 {
                guard let value = window.accumulator.value else { continue }
                points[start] = ReplayPoint(start: start, value: value, firstRecord: start * 1000,
                                            lastRecord: start * 1000)
            }
            let condition = Self.replayed(query: query, windowSeconds: windowSeconds, threshold: threshold)
            for incident in ConditionReplay(condition: condition, term: threshold).incidents(points, range: range) {
                let judgement = byWindow[incident.openWindow]?.judgement ?? WindowJudgement()
                result.append(ReviewIncident(facet: facet, tier: tier, incident: incident,
                                             noise: judgement.isNoise(nonActionable: nonActionable),
                                             topCategory: judgement.topCategory))
            }
        }
        return result.sorted { ($0.incident.opened, $0.facet) < ($1.incident.opened, $1.facet) }
    }

    /// The series of the facet value with the most incidents (ties: the highest peak, then name).
    func chart(windows: [String: [Int64: CubeEvaluation.Window]], query: NRQLQuery, windowSeconds: Int,
               threshold: AlertThreshold, incidents: [ReviewIncident]) -> ReviewChart? {
        let facets = query.facets.isEmpty ? [""] : windows.keys.sorted()
        func peak(_ facet: String) -> Double {
            (windows[facet] ?? [:]).values.compactMap(\.accumulator.value).max() ?? 0
        }
        guard let facet = facets.max(by: { a, b in
            let left = (incidents.filter { $0.facet == a }.count, peak(a))
            let right = (incidents.filter { $0.facet == b }.count, peak(b))
            return left != right ? left < right : a > b
        }) else { return nil }
        return ReviewChart.make(facet: facet, windowSeconds: windowSeconds,
                                values: (windows[facet] ?? [:]).compactMapValues(\.accumulator.value),
                                zeroWhenEmpty: query.zeroWhenEmpty, range: range, threshold: threshold.value,
                                warningThreshold: nil, incidents: incidents.filter { $0.facet == facet })
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (0 stays 0).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 0 }
        var scale = 1.0
        while scale * 10 <= value { scale *= 10 }
        while scale > value { scale /= 10 }
        for step in [1.0, 2, 2.5, 5, 10] where step * scale >= value { return (step * scale * 1000).rounded() / 1000 }
        return value
    }

    static func percent(_ value: Double) -> String {
        NRQLValue.format((value * 10).rounded() / 10) + "%"
    }
}

extension ReviewChart {
    /// A chart of one signal: every window of the range for zero-filled signals, else the
    /// windows that have a value.
    static func make(facet: String, windowSeconds: Int, values: [Int64: Double], zeroWhenEmpty: Bool,
                     range: ClosedRange<Int64>, threshold: Double, warningThreshold: Double?,
                     incidents: [ReviewIncident]) -> ReviewChart {
        var points: [(start: Int64, value: Double)] = []
        if zeroWhenEmpty {
            var start = WindowSeries.windowStart(ofSecond: range.lowerBound, windowSeconds: windowSeconds)
            while start <= range.upperBound {
                points.append((start * 1000, values[start] ?? 0))
                start += Int64(windowSeconds)
            }
        } else {
            points = values.sorted { $0.key < $1.key }.map { ($0.key * 1000, $0.value) }
        }
        return ReviewChart(facet: facet, windowSeconds: windowSeconds, points: points, threshold: threshold,
                           warningThreshold: warningThreshold, incidents: incidents)
    }
}
