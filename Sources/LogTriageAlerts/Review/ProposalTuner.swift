import LogTriageBasics
import LogTriageModel

/// Picks a proposal's form, window, threshold and duration from the week's own window
/// values: every candidate is backtested on the signal cube and scored as alert quality
/// (``AlertQuality``), and the candidates are ranked by what an on-call engineer accepts.
struct ProposalTuner {
    let cube: SignalCube
    let tuning: AlertTuning
    let nonActionable: Set<String>
    /// The analysed range in epoch seconds.
    let range: ClosedRange<Int64>
    /// The cube's profiles, worked out once for every plan.
    let profiles: SignalCube.Profiles

    /// `profiles`: the cube's, when already worked out.
    init(cube: SignalCube, tuning: AlertTuning, nonActionable: Set<String>, range: ClosedRange<Int64>,
         profiles: SignalCube.Profiles? = nil) {
        self.cube = cube
        self.tuning = tuning
        self.nonActionable = nonActionable
        self.range = range
        self.profiles = profiles ?? cube.profiles()
    }

    /// One way to write the proposal, with its backtest.
    struct Candidate {
        var form: ProposalPlan.Form
        var query: NRQLQuery
        var windowSeconds: Int
        /// `slide_by`: windows of `windowSeconds` evaluated every this many seconds; nil for tumbling windows.
        var slideBySeconds: Int?
        var threshold: AlertThreshold
        var incidents: [ReviewIncident]
        var quality: AlertQuality
        var notes: [String]
        /// The `alerts:` limits it breaks, in words; empty when it keeps them all.
        var violations: [String]
        /// Among otherwise equal candidates the plainer wins: form, window, duration, occurrences.
        var plainness: [Int]

        var stepSeconds: Int { slideBySeconds ?? windowSeconds }
        var figures: BacktestFigures {
            var figures = BacktestFigures()
            for incident in incidents { figures.add(incident.incident, isNoise: incident.noise) }
            return figures
        }
    }

    struct Tuned {
        /// Best first by ``better(_:_:)``.
        var candidates: [Candidate]
        /// Why this form of query and not the others: each other form's best, or why it could not be used.
        var formNotes: [String]
    }

    /// Whether `a` should be proposed rather than `b`.
    ///
    /// Limits first: a candidate red longer than ``AlertTuning/maximumRedWithoutCauseHours``
    /// without a failure of its own, then one opening more than
    /// ``AlertTuning/maximumIncidentsPerEpisode`` incidents per episode, loses to one within
    /// them. Then the most episodes detected (a new incident within the tier's target); then
    /// one red at most ``AlertTuning/maximumRedShare`` of the week (a failure that lasts most
    /// of the week may keep any condition that detects it red that long); then the least time
    /// red without cause — so a condition that stays red never wins over one
    /// that detects the same episodes with incidents that close —, the fewest noise incidents,
    /// the most episodes detected within half their target (an episode starts at its first
    /// failing window, which may come well after the failure began where calls are sparse: the
    /// margin under the target matters), the fewest incidents, the fewest that flap, the least
    /// time red, the quickest detection, and last the plainer query.
    func better(_ a: Candidate, _ b: Candidate) -> Bool {
        let aRed = a.quality.redWithoutCauseHoursPerWeek > tuning.maximumRedWithoutCauseHours
        let bRed = b.quality.redWithoutCauseHoursPerWeek > tuning.maximumRedWithoutCauseHours
        if aRed != bRed { return !aRed }
        let aFlaps = (a.quality.incidentsPerEpisode ?? 0) > tuning.maximumIncidentsPerEpisode
        let bFlaps = (b.quality.incidentsPerEpisode ?? 0) > tuning.maximumIncidentsPerEpisode
        if aFlaps != bFlaps { return !aFlaps }
        if a.quality.detected != b.quality.detected { return a.quality.detected > b.quality.detected }
        let aLong = a.quality.redShare > tuning.maximumRedShare, bLong = b.quality.redShare > tuning.maximumRedShare
        if aLong != bLong { return !aLong }
        let aWithout = a.quality.redWithoutCauseMinutes.rounded(), bWithout = b.quality.redWithoutCauseMinutes.rounded()
        if aWithout != bWithout { return aWithout < bWithout }
        let aFigures = a.figures, bFigures = b.figures
        if aFigures.noiseIncidents != bFigures.noiseIncidents { return aFigures.noiseIncidents < bFigures.noiseIncidents }
        let aPrompt = promptlyDetected(a.quality), bPrompt = promptlyDetected(b.quality)
        if aPrompt != bPrompt { return aPrompt > bPrompt }
        if aFigures.incidents != bFigures.incidents { return aFigures.incidents < bFigures.incidents }
        if aFigures.flappingIncidents != bFigures.flappingIncidents { return aFigures.flappingIncidents < bFigures.flappingIncidents }
        let aRedMinutes = a.quality.redMinutes.rounded(), bRedMinutes = b.quality.redMinutes.rounded()
        if aRedMinutes != bRedMinutes { return aRedMinutes < bRedMinutes }
        let aDetect = a.quality.medianMinutesToDetect ?? .infinity, bDetect = b.quality.medianMinutesToDetect ?? .infinity
        if aDetect != bDetect { return aDetect < bDetect }
        return a.plainness.lexicographicallyPrecedes(b.plainness)
    }

    /// Episodes detected within half their tier's detection target.
    func promptlyDetected(_ quality: AlertQuality) -> Int {
        quality.outcomes.filter { outcome in
            outcome.verdict == .detected
                && (outcome.minutesToDetect ?? .infinity) * 120 <= Double(tuning.detectionTargetSeconds(outcome.episode.tier))
        }.count
    }

    /// Every candidate for `plan` against `episodes` (its scope), best first: each form, each
    /// tumbling window with one to three windows of duration (`all` or `at_least_once`), and
    /// each longer window sliding by the cube's base window (`at_least_once` for one window:
    /// the first failures page within one step, and the incident closes once a whole window
    /// is quiet). Thresholds clear the quiet windows' percentile and the minimum failures of
    /// the tier. Nil when no attribute names the failures.
    ///
    /// A biller's failure that still fails a day after its page and at the export's end
    /// becomes a ticket (``TicketedFailure``): the plan is tuned again with the biller left out
    /// from then, and every candidate says so.
    func tune(_ plan: ProposalPlan, episodes: [FailureEpisode]) -> Tuned? {
        guard let first = tuneCandidates(plan, episodes: episodes) else { return nil }
        let found = tickets(first.candidates[0], episodes: episodes)
        guard !found.isEmpty else { return first }
        var ticketed = plan
        ticketed.ticketed = found
        guard var second = tuneCandidates(ticketed, episodes: episodes) else { return first }
        let notes = found.map { ticket in
            "\(ticket.billerId) still failed a day after its incident opened (\(ISO8601Time.minute(milliseconds: ticket.pagedAt))) and at the export's end: a ticket with biller \(ticket.billerId) from \(ISO8601Time.minute(milliseconds: ticket.since)), left out of the query from then so its incident closes instead of opening again each day; remove the exclusion once \(ticket.billerId) is fixed"
        }
        for index in second.candidates.indices { second.candidates[index].notes += notes }
        return second
    }

    /// The billers of `candidate`'s incidents that should become tickets: faceted by billerId,
    /// an incident answering a failure that started this week stayed open until the time
    /// limit force-closed it, and the biller's incidents then ran on without letting go to the
    /// end of the export. Each is left out from a day after its page, less the time the
    /// condition needs to let go (its window and threshold duration), on the cube's base
    /// windows.
    func tickets(_ candidate: Candidate, episodes: [FailureEpisode]) -> [TicketedFailure] {
        guard candidate.query.facets == ["billerId"] else { return [] }
        let limit = Int64(ProposalSettings.violationTimeLimitSeconds) * 1000
        let rangeEnd = (range.upperBound + 1) * 1000
        let step = Int64(candidate.stepSeconds) * 1000
        let base = Int64(cube.baseWindowSeconds) * 1000
        let letGo = Int64(candidate.windowSeconds + candidate.threshold.durationSeconds) * 1000
        var found: [TicketedFailure] = []
        let byBiller = Dictionary(grouping: candidate.incidents.filter { !$0.incident.lossOfSignal }, by: \.facet)
        for biller in byBiller.keys.sorted() {
            let incidents = byBiller[biller]!.sorted { $0.incident.opened < $1.incident.opened }
            guard let paged = incidents.firstIndex(where: { $0.incident.closed - $0.incident.opened >= limit }),
                  episodes.contains(where: {
                      $0.subjectAttribute == "billerId" && $0.subject == biller && !$0.startsWithExport
                          && $0.start <= incidents[paged].incident.opened && $0.end >= incidents[paged].incident.opened
                  }),
                  let last = incidents.last, last.incident.closed >= rangeEnd else { continue }
            // Open from the page to the export's end, each reopening (after the time limit,
            // or a lull in the biller's calls) sooner than the condition would let go of a
            // failure that had ended.
            let unbroken = zip(incidents[paged...], incidents[(paged + 1)...]).allSatisfy { previous, next in
                next.incident.opened - previous.incident.closed <= max(2 * step, letGo)
            }
            guard unbroken else { continue }
            let opened = incidents[paged].incident.opened
            let since = max(opened + base, (opened + limit - letGo) / base * base)
            found.append(TicketedFailure(billerId: biller, pagedAt: opened, since: since))
        }
        return found
    }

    private func tuneCandidates(_ plan: ProposalPlan, episodes: [FailureEpisode]) -> Tuned? {
        let target = plan.categories
        let minimumFailures = plan.tier == .critical ? tuning.minimumCriticalFailures : tuning.minimumWarningFailures
        let base = cube.baseWindowSeconds
        let choices = tuning.windowChoicesSeconds.filter { $0 > 0 && $0 % base == 0 }.sorted()
        var shapes: [(window: Int, slide: Int?)] = choices
            .filter { plan.tier == .warning || $0 <= tuning.criticalMaxWindowSeconds }.map { ($0, nil) }
        shapes += choices.filter { $0 > base }.map { ($0, base) }
        let measure = AlertQualityMeasure(tuning: tuning, range: range)
        var candidates: [Candidate] = []
        var largestMedian: [Int: Int] = [:]
        let cells = cube.cellPositions(ofService: plan.service)
        // The forms share their WHEREs: which cells pass them is worked out once.
        var matches: [Wheres: [CubeEvaluation.Match]] = [:]
        for (rank, form) in plan.forms.enumerated() {
            guard let query = plan.query(form, slowThresholdMs: cube.slowThresholdMs) else { return nil }
            let wheres = Wheres(query)
            let passing = matches[wheres] ?? CubeEvaluation.matches(of: query, cube: cube, cells: cells, profiles: profiles)
            matches[wheres] = passing
            let evaluation = CubeEvaluation(query: query, cube: cube, matches: passing, profiles: profiles)
            let failingSlots = Self.failingSlots(evaluation, target: target, baseSeconds: base)
            for (windowSeconds, slide) in shapes {
                let step = slide ?? windowSeconds
                let windows = slide == nil
                    ? evaluation.windows(windowSeconds: windowSeconds, target: target)
                    : evaluation.slidingWindows(windowSeconds: windowSeconds, stepSeconds: step, target: target)
                var notes: [String] = []
                if let slide {
                    notes.append("\(windowSeconds / 60)-minute windows sliding every \(slide / 60) minutes: the first failures open an incident within \(slide / 60) minutes, and it closes once \(windowSeconds / 60) minutes pass without one")
                }
                var floor = Double(minimumFailures - 1)
                if !query.zeroWhenEmpty {
                    let volumes = windows.values.flatMap { $0.windows.map(\.records) }.filter { $0 > 0 }
                    let median = volumes.isEmpty ? 0 : OrderStatistic.element(at: volumes.count / 2, of: volumes)
                    largestMedian[rank] = max(largestMedian[rank] ?? 0, median)
                    guard median >= tuning.minimumVolume else { continue }
                    floor = 100 * Double(minimumFailures) / Double(median)
                    notes.append("\(windowSeconds / 60)-minute windows: the median window \(query.facets.isEmpty ? "" : "of a \(query.facets.joined(separator: ", ")) value ")holds \(median) records (minimum \(tuning.minimumVolume))")
                }
                let quietLevel = quietPercentile(windows, query: query, stepSeconds: step)
                let value: Double
                if query.zeroWhenEmpty {
                    value = max(quietLevel.rounded(.up), floor)
                    notes.append("\(windowSeconds / 60)-minute windows; threshold above \(NRQLValue.format(value)): quiet windows reach \(NRQLValue.format(quietLevel)) at p\(NRQLValue.format(tuning.quietPercentile)), and a page needs at least \(minimumFailures) failure\(minimumFailures == 1 ? "" : "s")")
                } else {
                    value = min(Self.niceCeiling(max(quietLevel, floor)), 95)
                    notes.append("threshold above \(NRQLValue.format(value))%: quiet windows reach \(Self.percent(quietLevel)) at p\(NRQLValue.format(tuning.quietPercentile)), and \(minimumFailures) failure\(minimumFailures == 1 ? "" : "s") in a median window is \(Self.percent(floor))")
                }
                var terms: [(count: Int, occurrences: ThresholdOccurrences)] = []
                if slide == nil {
                    for count in 1...3 {
                        for occurrences in ThresholdOccurrences.allCases where !(count == 1 && occurrences == .atLeastOnce) {
                            terms.append((count, occurrences))
                        }
                    }
                } else {
                    terms = [(1, .atLeastOnce)]
                }
                // The windows' values are the same for every term: worked out once per shape.
                let series = Self.replaySeries(windows, query: query)
                for (count, occurrences) in terms {
                    let threshold = AlertThreshold(operator: .above, value: value, durationSeconds: count * windowSeconds,
                                                   occurrences: occurrences)
                    let incidents = backtest(series, windows: windows, query: query, windowSeconds: windowSeconds,
                                             slideBySeconds: slide, threshold: threshold, tier: plan.tier)
                    let grace = windowSeconds + threshold.durationSeconds
                    let quality = measure.measure(incidents, episodes: episodes, facets: query.facets,
                                                  graceSeconds: grace, stepSeconds: step,
                                                  timeLimitSeconds: ProposalSettings.violationTimeLimitSeconds,
                                                  failing: Self.spans(failingSlots, slotSeconds: base, graceSeconds: grace))
                    var chosenNotes = notes
                    if slide == nil && count > 1 {
                        chosenNotes.append(occurrences == .all ? "for \(count * windowSeconds / 60) minutes"
                            : "at least once in \(count * windowSeconds / 60) minutes, so a steady failure keeps one incident open")
                    }
                    candidates.append(Candidate(
                        form: form, query: query, windowSeconds: windowSeconds, slideBySeconds: slide, threshold: threshold,
                        incidents: incidents, quality: quality, notes: chosenNotes, violations: violations(quality),
                        plainness: [rank, slide == nil ? 0 : 1, windowSeconds, count, occurrences == .all ? 0 : 1]))
                }
            }
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort(by: better)
        var formNotes: [String] = []
        for (rank, form) in plan.forms.enumerated() where rank != candidates[0].plainness[0] {
            let name = Self.describe(form)
            if let best = candidates.first(where: { $0.plainness[0] == rank }) {
                formNotes.append("\(name) would detect \(best.quality.detected) of \(best.quality.episodes) episodes with \(best.figures.incidents) incidents (\(best.figures.noiseIncidents) noise)")
            } else if let median = largestMedian[rank] {
                formNotes.append("\(name) has too few calls: \(median) in the median window at most (minimum \(tuning.minimumVolume))")
            }
        }
        return Tuned(candidates: candidates, formNotes: formNotes)
    }

    /// What decides which cells a query counts: its WHERE and its inner WHERE.
    private struct Wheres: Hashable {
        var predicate: NRQLPredicate?
        var inner: NRQLPredicate?

        init(_ query: NRQLQuery) {
            predicate = query.predicate
            inner = AlertStage.innerPredicate(query)
        }
    }

    /// The limits of `alerts:` a candidate breaks, in words.
    func violations(_ quality: AlertQuality) -> [String] {
        var found: [String] = []
        if quality.redWithoutCauseHoursPerWeek > tuning.maximumRedWithoutCauseHours {
            found.append("red \(NRQLValue.format((quality.redWithoutCauseHoursPerWeek * 10).rounded() / 10)) h a week without a failure of its own (limit \(NRQLValue.format(tuning.maximumRedWithoutCauseHours)) h)")
        }
        if quality.redShare > tuning.maximumRedShare {
            var text = "red \(NRQLValue.format((quality.redShare * 1000).rounded() / 10))% of the week (limit \(NRQLValue.format(tuning.maximumRedShare * 100))%)"
            // A failure that itself lasts most of the week keeps red whatever detects it without
            // opening a new incident at each lull: say so, the limit cannot be kept for it.
            if let longest = quality.outcomes.map(\.episode).max(by: { $0.end - $0.start < $1.end - $1.start }) {
                let share = Double(longest.end - longest.start) / max(1, quality.weeks * 604_800_000)
                text += "; its longest failure, \(longest), lasts \(NRQLValue.format((share * 1000).rounded() / 10))% of the week by itself"
            }
            found.append(text)
        }
        if let perEpisode = quality.incidentsPerEpisode, perEpisode > tuning.maximumIncidentsPerEpisode {
            found.append("\(NRQLValue.format((perEpisode * 10).rounded() / 10)) incidents per episode (limit \(NRQLValue.format(tuning.maximumIncidentsPerEpisode)))")
        }
        return found
    }

    /// The chosen candidate with what only the chosen one needs: each incident's real and
    /// noise minutes (judged on the cube's base windows of its facet value), the figures
    /// again with them, and the chart.
    func finish(_ candidate: Candidate, plan: ProposalPlan, episodes: [FailureEpisode])
        -> (incidents: [ReviewIncident], quality: AlertQuality, chart: ReviewChart?) {
        let evaluation = CubeEvaluation(query: candidate.query, cube: cube, cells: cube.cellPositions(ofService: plan.service),
                                        profiles: profiles)
        let base = evaluation.windows(windowSeconds: cube.baseWindowSeconds, target: plan.categories)
        var incidents = candidate.incidents
        let grace = candidate.windowSeconds + candidate.threshold.durationSeconds
        IncidentTime.fillMinutes(of: &incidents, slotSeconds: cube.baseWindowSeconds, graceSeconds: grace,
                                 nonActionable: nonActionable) { base[$0]?.byStart { $0.judgement } ?? [:] }
        let quality = AlertQualityMeasure(tuning: tuning, range: range).measure(
            incidents, episodes: episodes, facets: candidate.query.facets, graceSeconds: grace,
            stepSeconds: candidate.stepSeconds, timeLimitSeconds: ProposalSettings.violationTimeLimitSeconds,
            failing: Self.spans(Self.failingSlots(evaluation, target: plan.categories, baseSeconds: cube.baseWindowSeconds),
                                slotSeconds: cube.baseWindowSeconds, graceSeconds: grace))
        let windows = candidate.slideBySeconds == nil
            ? evaluation.windows(windowSeconds: candidate.windowSeconds, target: plan.categories)
            : evaluation.slidingWindows(windowSeconds: candidate.windowSeconds, stepSeconds: candidate.stepSeconds,
                                        target: plan.categories)
        let chart = chart(windows: windows, query: candidate.query, stepSeconds: candidate.stepSeconds,
                          threshold: candidate.threshold, incidents: incidents)
        return (incidents, quality, chart)
    }

    /// Starts (epoch s) of the base windows in which the query counts recent failures of the
    /// plan's categories, over all facet values, sorted.
    static func failingSlots(_ evaluation: CubeEvaluation, target: Set<Category>, baseSeconds: Int) -> [Int64] {
        var starts: Set<Int64> = []
        for windows in evaluation.windows(windowSeconds: baseSeconds, target: target).values {
            for (start, window) in windows where window.targeted > 0 { starts.insert(start) }
        }
        return starts.sorted()
    }

    /// Those windows, each followed by the grace a condition needs to let go.
    static func spans(_ starts: [Int64], slotSeconds: Int, graceSeconds: Int) -> TimeSpans {
        TimeSpans(starts.map { ($0 * 1000)..<(($0 + Int64(slotSeconds) + Int64(graceSeconds)) * 1000) })
    }

    /// A form of query in words.
    static func describe(_ form: ProposalPlan.Form) -> String {
        switch form {
        case let .countPer(attribute): "a failure count per \(attribute)"
        case let .ratioPer(attribute): "a failure ratio per \(attribute)"
        case .ratio: "a failure ratio of the service"
        case .count: "a failure count"
        }
    }

    /// The `quietPercentile` of the values of windows holding no targeted recent failure:
    /// every window of the range (one per step) for zero-filled queries, else the windows
    /// with a value.
    private func quietPercentile(_ windows: [String: CubeEvaluation.WindowRow], query: NRQLQuery,
                                 stepSeconds: Int) -> Double {
        var quiet: [Double] = []
        let facets = query.facets.isEmpty ? [""] : windows.keys.sorted()
        for facet in facets {
            let byWindow = windows[facet] ?? CubeEvaluation.WindowRow()
            if query.zeroWhenEmpty {
                var start = WindowSeries.windowStart(ofSecond: range.lowerBound, windowSeconds: stepSeconds)
                var next = 0
                while start <= range.upperBound {
                    while next < byWindow.count && byWindow.keys[next] < start { next += 1 }
                    let window = next < byWindow.count && byWindow.keys[next] == start ? byWindow.windows[next] : nil
                    if (window?.targeted ?? 0) == 0 { quiet.append(window?.value ?? 0) }
                    start += Int64(stepSeconds)
                }
            } else {
                for window in byWindow.windows where window.targeted == 0 {
                    if let value = window.value { quiet.append(value) }
                }
            }
        }
        guard !quiet.isEmpty else { return 0 }
        let rank = Int((Double(quiet.count) * tuning.quietPercentile / 100).rounded(.up)) - 1
        return OrderStatistic.element(at: min(quiet.count - 1, max(0, rank)), of: quiet)
    }

    /// A proposal as its backtest replays it: New Relic's rules with the settings the
    /// proposal is written with (a count fills quiet windows with 0; a ratio leaves them
    /// empty; incidents force-close after a day), each window evaluated at its end (the
    /// signal cube keeps no record times; New Relic's event timer evaluates it a timer later).
    static func replayed(query: NRQLQuery, windowSeconds: Int, slideBySeconds: Int? = nil,
                         threshold: AlertThreshold) -> AlertCondition {
        AlertCondition(name: "proposal", nrql: query.description, windowSeconds: windowSeconds, slideBySeconds: slideBySeconds,
                       fill: query.zeroWhenEmpty ? .static(0) : .none, aggregationMethod: .cadence,
                       aggregationDelaySeconds: 0, violationTimeLimitSeconds: ProposalSettings.violationTimeLimitSeconds,
                       critical: threshold)
    }

    /// Each facet value's windows as the replay reads them (facet values sorted; one empty
    /// facet for an unfaceted query): a point per window that read records and has a value,
    /// in start order.
    static func replaySeries(_ windows: [String: CubeEvaluation.WindowRow],
                             query: NRQLQuery) -> [(facet: String, points: [ReplayPoint])] {
        let facets = query.facets.isEmpty ? [""] : windows.keys.sorted()
        return facets.map { facet in
            let row = windows[facet] ?? CubeEvaluation.WindowRow()
            var points: [ReplayPoint] = []
            points.reserveCapacity(row.count)
            for (start, window) in row where window.records > 0 {
                guard let value = window.value else { continue }
                points.append(ReplayPoint(start: start, value: value, firstRecord: start * 1000, lastRecord: start * 1000))
            }
            return (facet, points)
        }
    }

    /// The incidents a proposal with `threshold` opens on `series` (``replaySeries(_:query:)``
    /// of `windows`), each judged by the window that opened it.
    func backtest(_ series: [(facet: String, points: [ReplayPoint])],
                  windows: [String: CubeEvaluation.WindowRow], query: NRQLQuery, windowSeconds: Int,
                  slideBySeconds: Int? = nil, threshold: AlertThreshold, tier: Tier) -> [ReviewIncident] {
        var result: [ReviewIncident] = []
        let condition = Self.replayed(query: query, windowSeconds: windowSeconds, slideBySeconds: slideBySeconds,
                                      threshold: threshold)
        let replay = ConditionReplay(condition: condition, term: threshold)
        for (facet, points) in series {
            for incident in replay.incidents(sorted: points, range: range) {
                let judgement = windows[facet]?[incident.openWindow]?.judgement ?? WindowJudgement()
                result.append(ReviewIncident(facet: facet, tier: tier, incident: incident,
                                             noise: judgement.isNoise(nonActionable: nonActionable),
                                             topCategory: judgement.topCategory, unknown: judgement.isUnknown))
            }
        }
        return result.sorted { ($0.incident.opened, $0.facet) < ($1.incident.opened, $1.facet) }
    }

    /// The series of the facet value with the most incidents (ties: the highest peak, then name).
    func chart(windows: [String: CubeEvaluation.WindowRow], query: NRQLQuery, stepSeconds: Int,
               threshold: AlertThreshold, incidents: [ReviewIncident]) -> ReviewChart? {
        let facets = query.facets.isEmpty ? [""] : windows.keys.sorted()
        func peak(_ facet: String) -> Double {
            (windows[facet]?.windows ?? []).compactMap(\.value).max() ?? 0
        }
        guard let facet = facets.max(by: { a, b in
            let left = (incidents.filter { $0.facet == a }.count, peak(a))
            let right = (incidents.filter { $0.facet == b }.count, peak(b))
            return left != right ? left < right : a > b
        }) else { return nil }
        return ReviewChart.make(facet: facet, windowSeconds: stepSeconds,
                                values: windows[facet]?.byStart { $0.value } ?? [:],
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
