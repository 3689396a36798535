import LogTriageBasics
import LogTriageIngest
import LogTriageModel
import LogTriageAnalysis

/// Judges the team's current conditions on the week and proposes the changes: keep, change,
/// split or remove each one, and add conditions where recent actionable failures went
/// unmatched. Every proposal is backtested on the same week beside the condition it replaces.
package struct AlertReviewer {
    let stage: AlertStage
    let rules: CategoryRules
    let tuning: AlertTuning
    let schema: RecordSchema
    /// The analysed range in epoch seconds.
    let range: ClosedRange<Int64>
    /// The stage's cube, its windows outside ``range`` left out: records dated far from the
    /// week make no episode, chronic hour or proposal window.
    let cube: SignalCube

    /// Last week, when known: its chronic failures per biller make "present through last
    /// week" checkable. Nil without a previous week.
    let previousWeek: BaselineCounts?
    /// Who is told about what.
    let routing: AlertRouting
    /// Services that dead-letter messages after retryable errors: their retryable failures
    /// are the consumer's team's to fix.
    let deadLetterServices: Set<String>
    /// Plans tuned at once (the run's `--jobs`, at most ``maximumThreads``): each plan's
    /// tuning reads the cube and writes nothing shared, so the proposals are the same for any
    /// number.
    let threads: Int
    /// Plans tuned at once at most, whatever the cores: each holds a week of windows per facet
    /// value (about 45 MB on the 1 GB bench week), so memory stays within budget on a large
    /// server too.
    static let maximumThreads = 3

    package init(stage: AlertStage, rules: CategoryRules, tuning: AlertTuning, schema: RecordSchema,
                 range: ClosedRange<Int64>, previousWeek: BaselineCounts? = nil, routing: AlertRouting = AlertRouting(),
                 deadLetterServices: Set<String> = [], threads: Int = 1) {
        self.stage = stage
        self.rules = rules
        self.tuning = tuning
        self.schema = schema
        self.range = range
        cube = stage.cube.windows(within: range)
        self.previousWeek = previousWeek
        self.routing = routing
        self.deadLetterServices = deadLetterServices
        self.threads = min(max(1, threads), Self.maximumThreads)
    }

    var nonActionable: Set<String> {
        Set(Category.allCases.filter { !rules.policy(for: $0).actionable }.map(\.rawValue))
    }

    /// Last week's chronic failures and length, when it listed them per biller.
    private var previousChronic: (failures: [BaselineChronicFailure], durationMs: Int64?)? {
        guard let previousWeek, let failures = previousWeek.chronicFailures else { return nil }
        let duration = previousWeek.rangeStart.flatMap { start in previousWeek.rangeEnd.map { $0 - start } }
        return (failures, duration)
    }

    package func review() -> AlertReview {
        // The tallies that read no window go over one cell per profile; the tuner reads WHEREs
        // per profile. Neither the profiles nor the chronic failures read the other: they are
        // worked out side by side.
        let ((profiles, totals), chronic) = concurrently(threads: threads, {
            let profiles = cube.profiles()
            return (profiles, cube.totals(of: profiles))
        }, {
            ChronicFailureFinder(cube: cube, rules: rules, tuning: tuning, range: range,
                                 subjectClusters: stage.subjectClusters, previous: previousChronic).find()
        })
        let subjects = SubjectAttributes(cube: cube, cells: totals, actionable: { rules.policy(for: $0).actionable },
                                         tuning: tuning, chronic: chronic)
        let episodes = FailureEpisode.find(in: cube, policy: { (rules.policy(for: $0).actionable, rules.policy(for: $0).tier) },
                                           tuning: tuning, subjects: subjects, chronic: chronic, range: range)
        var current = mapConcurrently(Array(stage.conditions.indices), threads: threads) {
            currentReview($0, episodes: episodes, chronic: chronic)
        }
        let proposals = tunedProposals(cube: cube, profiles: profiles, totals: totals, episodes: episodes, subjects: subjects,
                                       chronic: chronic)
        let decisions = ReviewDecisions(rules: rules, tuning: tuning, deadLetterServices: deadLetterServices)
        let mainServices = current.map { mainService(of: $0) }
        let findings = current.indices.map { decisions.findings(current[$0], mainService: mainServices[$0]) }
        // Each proposal replaces the first unsound condition that counted failures of its
        // service; a sound one that already detects what the proposal would keeps its place.
        var owned: [Int: [Int]] = [:]
        var unowned: [Int] = []
        for (index, entry) in proposals.enumerated() {
            let candidates = stage.conditions.indices.filter {
                (stage.matchedByService[$0][entry.plan.service]?.reduce(0, +) ?? 0) > 0
            }.map { (condition: $0, findings: findings[$0], caught: current[$0].caught) }
            switch ReviewDecisions.place(caught: entry.review.caught, among: candidates) {
            case let .replaces(condition): owned[condition, default: []].append(index)
            case let .coveredBy(condition): current[condition].notes.append(.covers(proposal: entry.review.name))
            case .added: unowned.append(index)
            }
        }
        let detectedByProposals = Set(proposals.flatMap { entry in
            entry.review.quality.outcomes.filter { $0.verdict == .detected }.map(\.episode)
        })
        var proposed: [ConditionReview] = []
        for index in current.indices {
            let mine = owned[index] ?? []
            var row = current[index]
            let decision = decisions.decide(row, findings: findings[index], mainService: mainServices[index],
                                            replacements: mine.count, detectedByProposals: detectedByProposals)
            if decision == .moveToWarningTier {
                proposed.append(decisions.warningTierChange(of: row, mainService: mainServices[index]))
            }
            row.action = decision.action
            row.notes.append(.decision(decision, findings: findings[index]))
            if case let .keep(moveTo) = decision { row.moveTo = moveTo }
            current[index] = row
            let services = Set(mine.map { proposals[$0].plan.service })
            for position in mine {
                var review = proposals[position].review
                let plan = proposals[position].plan
                review.action = row.action
                review.replaces = row.name
                review.name = mine.count == 1 ? row.name
                    : services.count == 1 ? "\(row.name) (\(plan.label))"
                    : "\(row.name) (\(plan.service) \(plan.label))"
                proposed.append(review)
            }
        }
        for position in unowned {
            var review = proposals[position].review
            review.action = .add
            review.notes.insert(.coverageGap, at: 0)
            proposed.append(review)
        }
        // A proposal New Relic would reject is never written; the condition it replaces says so.
        var accepted: [ConditionReview] = []
        for row in proposed {
            let problems = ProposalLimits.problems(row)
            if problems.isEmpty {
                accepted.append(row)
            } else if let replaced = row.replaces, let owner = current.firstIndex(where: { $0.name == replaced }) {
                current[owner].notes.append(.proposalNotWritten(name: row.name, problems: problems))
            }
        }
        return AlertReview(current: current, proposed: accepted, episodes: episodes,
                           coverageGaps: coverageGaps(cube: cube, cells: totals, chronic: chronic), chronic: chronic,
                           previousWeekStart: previousChronic == nil ? nil : previousWeek?.rangeStart, range: range,
                           routing: routing, actionableFailures: actionableFailures(cube: cube, cells: totals, chronic: chronic))
    }

    /// Recent actionable failures per owning team and tier, chronic ones left out.
    private func actionableFailures(cube: SignalCube, cells: [SignalCube.Cell], chronic: [ChronicFailure])
        -> [String: [Tier: Int]] {
        var result: [String: [Tier: Int]] = [:]
        for cell in cells where cell.count > 0 && !cube.isStale(cell) {
            let service = cube.service(of: cell)
            guard let category = cube.category(of: cell), rules.policy(for: category).actionable,
                  !chronic.contains(service: service, billerId: cube.billerId(of: cell), category: category) else { continue }
            let team = ProposalPlan.owner(of: category, service: service, rules: rules, deadLetterServices: deadLetterServices)
            result[team, default: [:]][rules.policy(for: category).tier, default: 0] += cell.count
        }
        return result
    }

    /// Every plan tuned, then each team's pages kept within ``AlertTuning/maximumPagesPerTeam``
    /// (``PageBudget``), and the chosen candidates written up as proposals.
    private func tunedProposals(cube: SignalCube, profiles: SignalCube.Profiles, totals: [SignalCube.Cell],
                                episodes: [FailureEpisode], subjects: SubjectAttributes, chronic: [ChronicFailure])
        -> [(plan: ProposalPlan, review: ConditionReview)] {
        let tuner = ProposalTuner(cube: cube, tuning: tuning, nonActionable: nonActionable, range: range, profiles: profiles)
        // A warning-tier plan with no burst to catch would only add a condition nobody needs.
        let plans = ProposalPlan.plans(cube: cube, cells: totals, rules: rules, tuning: tuning, subjects: subjects,
                                       chronic: chronic, deadLetterServices: deadLetterServices).compactMap { plan in
            let scope = episodes.filter { $0.service == plan.service && plan.categories.contains($0.category) }
            return plan.tier == .critical || scope.contains(where: { !$0.startsWithExport }) ? (plan, scope) : nil
        }
        // Plans are tuned `threads` at a time: a tuner holds a week of windows per facet value,
        // so each thread adds one plan's windows to the run's peak memory (hence the cap). The
        // costliest are started first, so that none is left to run alone at the end: a plan
        // per subject attribute (one signal per biller) before the others, then by the cells
        // of its service. The order of the results is the plans' own.
        var tuned: [(plan: ProposalPlan, scope: [FailureEpisode], tuned: ProposalTuner.Tuned)] =
            mapConcurrently(plans, threads: threads, order: Self.costliestFirst(plans.map(\.0), cube: cube)) { plan, scope in
                tuner.tune(plan, episodes: scope).map { result in
                    var result = result
                    result.candidates = PageBudget.reachable(result.candidates)
                    return (plan, scope, result)
                }
            }.compactMap { $0 }
        // A team's name in a proposal's only where another proposal of the service and tier remains.
        for index in tuned.indices {
            let plan = tuned[index].plan
            tuned[index].plan.teamInName = tuned.filter {
                $0.plan.service == plan.service && $0.plan.tier == plan.tier && $0.plan.subjectAttribute == plan.subjectAttribute
            }.count > 1
        }
        let budget = PageBudget(limit: tuning.maximumPagesPerTeam)
        let choices = budget.choose(tuned.map { (team: $0.plan.team, candidates: $0.tuned.candidates) })
        return mapConcurrently(Array(tuned.indices), threads: threads) { index in
            let entry = tuned[index]
            return (entry.plan, proposal(entry.plan, tuner: tuner, tuned: entry.tuned, choice: choices[index],
                                         episodes: entry.scope))
        }
    }

    /// The plans' indices, the likely costliest to tune first: those per subject attribute,
    /// then those whose service holds more cells (ties in plan order).
    static func costliestFirst(_ plans: [ProposalPlan], cube: SignalCube) -> [Int] {
        var cells: [String: Int] = [:]
        for plan in plans where cells[plan.service] == nil { cells[plan.service] = cube.cellPositions(ofService: plan.service).count }
        return plans.indices.sorted { left, right in
            let a = plans[left], b = plans[right]
            if (a.subjectAttribute != nil) != (b.subjectAttribute != nil) { return a.subjectAttribute != nil }
            if cells[a.service, default: 0] != cells[b.service, default: 0] {
                return cells[a.service, default: 0] > cells[b.service, default: 0]
            }
            return left < right
        }
    }

    /// The service whose clustered records the condition counted most.
    private func mainService(of row: ConditionReview) -> String? {
        guard let index = stage.conditions.firstIndex(where: { $0.name == row.name }) else { return nil }
        return stage.matchedByService[index].max { ($0.value.reduce(0, +), $1.key) < ($1.value.reduce(0, +), $0.key) }?.key
    }

    /// A current condition as backtested: both terms' incidents, judged.
    private func currentReview(_ index: Int, episodes: [FailureEpisode], chronic: [ChronicFailure]) -> ConditionReview {
        let condition = stage.conditions[index]
        guard let query = stage.queries[index], stage.refusal(of: index) == nil else { return refusedReview(index) }
        let store = stage.store
        let chronicWindows = chronicDominatedWindows(condition: index, chronic: chronic)
        /// A window's judgement with its failures counted as chronic where chronic failures
        /// outnumber the fresh ones of what the condition counts (read off the cube's windows
        /// it overlaps, as the condition's own windows do not keep billers).
        func judged(_ judgement: WindowJudgement, start: Int64, seconds: Int) -> WindowJudgement {
            guard !chronicWindows.isEmpty else { return judgement }
            let base = Int64(cube.baseWindowSeconds)
            var window = WindowSeries.windowStart(ofSecond: start, windowSeconds: Int(base))
            var balance = 0
            while window < start + Int64(max(1, seconds)) {
                balance += chronicWindows[window] ?? 0
                window += base
            }
            guard balance > 0 else { return judgement }
            var adjusted = judgement
            adjusted.chronic = judgement.records - judgement.stale
            return adjusted
        }
        var facets = store.facets(condition: index)
        if query.facets.isEmpty && facets.isEmpty { facets = [WindowAggregationStore<ConditionWindow>.noFacet] }
        var incidents: [ReviewIncident] = []
        var chartFacet: (facet: String, series: WindowSeries, count: Int)?
        for facet in facets {
            let windows = Self.windows(of: condition, select: query.select,
                                       buckets: store.signal(condition: index, facet: facet)?.windows ?? [:],
                                       step: store.windowSeconds(condition: index))
            let points = Self.points(windows, windowSeconds: condition.windowSeconds)
            let series = WindowSeries(windowSeconds: store.windowSeconds(condition: index),
                                      values: points.mapValues(\.value), zeroWhenEmpty: false)
            var facetIncidents = 0
            for (position, (tier, term)) in condition.terms.enumerated() {
                let replay = ConditionReplay(condition: condition, term: term)
                for incident in replay.incidents(points, range: range, lossOfSignal: position == 0) {
                    let judgement = incident.lossOfSignal ? WindowJudgement()
                        : judged(windows[incident.openWindow]?.judgement ?? WindowJudgement(), start: incident.openWindow,
                                 seconds: condition.windowSeconds)
                    incidents.append(ReviewIncident(facet: facet, tier: tier, incident: incident,
                                                    noise: judgement.isNoise(nonActionable: nonActionable),
                                                    topCategory: incident.lossOfSignal ? Self.lossOfSignalLabel
                                                        : judgement.topCategory, unknown: judgement.isUnknown))
                    facetIncidents += 1
                }
            }
            if chartFacet == nil || facetIncidents > chartFacet!.count {
                chartFacet = (facet, series, facetIncidents)
            }
        }
        incidents.sort { ($0.incident.opened, $0.facet, $0.tier.rawValue) < ($1.incident.opened, $1.facet, $1.tier.rawValue) }
        // Each incident judged over every window it stays open, on the stored steps.
        let step = store.windowSeconds(condition: index)
        let grace = condition.windowSeconds + ((condition.critical ?? condition.warning)?.durationSeconds ?? 0)
        IncidentTime.fillMinutes(of: &incidents, slotSeconds: step, graceSeconds: grace, nonActionable: nonActionable) { facet in
            let buckets = store.signal(condition: index, facet: facet)?.windows ?? [:]
            return Dictionary(uniqueKeysWithValues: buckets.map { ($0.key, judged($0.value.judgement, start: $0.key, seconds: step)) })
        }
        var figuresExact = BacktestFigures()
        for incident in incidents { figuresExact.add(incident.incident, isNoise: incident.noise) }
        let matched = stage.matchedByService[index]
        let scope = episodes.filter { (matched[$0.service]?[$0.category.index] ?? 0) > 0 }
        // Its own failures: the cube's windows with recent actionable failures of the services
        // and categories it counts, chronic ones left out (they are tickets, not a cause).
        var failingWindows: Set<Int64> = []
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
            guard let category = cube.category(of: cell), rules.policy(for: category).actionable,
                  (matched[cube.service(of: cell)]?[category.index] ?? 0) > 0,
                  !chronic.contains(service: cube.service(of: cell), billerId: cube.billerId(of: cell), category: category)
            else { continue }
            failingWindows.insert(cell.key.windowStart)
        }
        let failing = AlertQualityMeasure.failingSpans(failingWindows.map { ($0, WindowJudgement()) },
                                                       slotSeconds: cube.baseWindowSeconds, graceSeconds: grace) { _ in true }
        var quality = AlertQualityMeasure(tuning: tuning, range: range).measure(
            incidents, episodes: scope, facets: query.facets, graceSeconds: grace, stepSeconds: step,
            timeLimitSeconds: condition.violationTimeLimitSeconds, failing: failing)
        if !condition.enabled { quality.pages = 0 }
        let caught = quality.outcomes.filter { $0.verdict == .detected }.map(\.episode)
        let missed = quality.outcomes.filter { $0.verdict != .detected }.map(\.episode)
        var notes: [ReviewNote] = [.incidents(total: figuresExact.incidents, noise: figuresExact.noiseIncidents)]
        let unknown = incidents.filter(\.unknown).count
        if unknown > 0 { notes.append(.unknownIncidents(unknown)) }
        let staleDominated = incidents.filter { $0.topCategory == WindowJudgement.staleLabel }.count
        if staleDominated > 0 { notes.append(.staleIncidents(staleDominated)) }
        let empty = incidents.filter { $0.topCategory.isEmpty }.count
        if empty > 0 { notes.append(.incidentsWithoutError(empty)) }
        if quality.episodes > 0 { notes.append(.detection(quality, ofWhatItMatches: true)) }
        let misses = stage.aliasMisses[index]
        if misses > 0 { notes.append(.aliasMisses(records: misses, carriers: stage.aliasCarriers[index])) }
        if stage.unfacetedRecords[index] > 0 { notes.append(.unfacetedRecords(stage.unfacetedRecords[index])) }
        let dropped = store.droppedRecords(condition: index)
        if dropped > 0 { notes.append(.facetLimitExceeded(limit: store.facetLimit, droppedRecords: dropped)) }
        if condition.route == nil { notes.append(.noRoute) }
        if !condition.enabled { notes.append(.disabled) }
        let chart = chartFacet.map { entry in
            ReviewChart.make(facet: entry.facet, windowSeconds: entry.series.windowSeconds, values: entry.series.values,
                             zeroWhenEmpty: false, range: range, threshold: (condition.critical ?? condition.warning)?.value ?? 0,
                             warningThreshold: condition.critical == nil ? nil : condition.warning?.value,
                             incidents: incidents.filter { $0.facet == entry.facet })
        }
        return ConditionReview(
            name: condition.name, kind: .current, action: .keep,
            tier: Self.tier(of: condition), route: condition.route,
            nrql: condition.nrql, windowSeconds: condition.windowSeconds, critical: condition.critical,
            warning: condition.warning, fillsZero: query.zeroWhenEmpty, figures: figuresExact, incidents: incidents,
            caught: caught, missed: missed, notes: notes,
            replaces: nil, chart: chart, slideBySeconds: condition.slideBySeconds, quality: quality,
            enabled: condition.enabled, condition: condition)
    }

    /// The cube's base windows (by start) in which the chronic failures of what a condition
    /// counts (its services and categories) outnumber the fresh actionable ones, with by how
    /// many; windows where fresh ones win are given as a negative balance so overlapping
    /// windows sum fairly.
    private func chronicDominatedWindows(condition index: Int, chronic: [ChronicFailure]) -> [Int64: Int] {
        guard !chronic.isEmpty else { return [:] }
        let matched = stage.matchedByService[index]
        var balance: [Int64: Int] = [:]
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
            guard let category = cube.category(of: cell), rules.policy(for: category).actionable,
                  (matched[cube.service(of: cell)]?[category.index] ?? 0) > 0 else { continue }
            let isChronic = chronic.contains(service: cube.service(of: cell), billerId: cube.billerId(of: cell), category: category)
            balance[cell.key.windowStart, default: 0] += isChronic ? cell.count : -cell.count
        }
        return balance.contains { $0.value > 0 } ? balance : [:]
    }

    /// How `top_category` names a loss-of-signal incident.
    static let lossOfSignalLabel = "loss_of_signal"

    /// A signal's aggregation windows from its stored steps: the steps themselves for
    /// tumbling windows, else each window of `windowSeconds` starting at every step, merged
    /// from the steps it spans (in their order).
    ///
    /// The windows are made in start order, each from the run of sorted steps it spans, and
    /// stored once: merging each step into the windows it spans through the dictionary looked
    /// every window up `span` times and grew the dictionary as it went, two fifths of a run of
    /// 100 faceted conditions sliding by a minute.
    static func windows(of condition: AlertCondition, select: NRQLExpression, buckets: [Int64: ConditionWindow],
                        step: Int) -> [Int64: ConditionWindow] {
        let span = max(1, condition.windowSeconds / max(1, step))
        guard span > 1 else { return buckets }
        let steps = buckets.sorted { $0.key < $1.key }
        let stepLength = Int64(step), length = Int64(span) * Int64(step)
        // Every step starts the `span` windows ending with it.
        var starts: [Int64] = []
        starts.reserveCapacity(steps.count * span)
        for (bucket, _) in steps {
            for offset in 0..<Int64(span) { starts.append(bucket - offset * stepLength) }
        }
        starts.sort()
        // Copied for each window: making one reads the query's SELECT again.
        let empty = ConditionWindow(select, windowSeconds: condition.windowSeconds)
        if empty.slidesThroughQueue {
            var distinct: [Int64] = []
            for start in starts where start != distinct.last { distinct.append(start) }
            return SlidingWindowQueue.windows(steps: steps, starts: distinct, stepLength: stepLength, length: length)
        }
        var windows: [Int64: ConditionWindow] = Dictionary(minimumCapacity: starts.count)
        var first = 0
        var previous: Int64?
        for start in starts where start != previous {
            previous = start
            while steps[first].key < start { first += 1 }
            var window = empty
            // Event flow's record: in the first step, at or after the delay's offset; in the
            // later steps, any record.
            var flow = steps[first].key == start ? steps[first].value.firstFlowRecord : .max
            var index = first
            while index < steps.count && steps[index].key < start + length {
                let (bucket, stored) = steps[index]
                index += 1
                // A step spanned is a whole number of steps after the window's start.
                guard (bucket - start) % stepLength == 0 else { continue }
                window.merge(stored)
                if bucket != start { flow = min(flow, stored.firstRecord) }
            }
            window.firstFlowRecord = flow
            windows[start] = window
        }
        return windows
    }

    /// The data points of those windows: a window whose records give the query a value.
    static func points(_ windows: [Int64: ConditionWindow], windowSeconds: Int) -> [Int64: ReplayPoint] {
        var points: [Int64: ReplayPoint] = [:]
        for (start, window) in windows where window.recordCount > 0 {
            guard let value = window.value(windowEnd: (start + Int64(windowSeconds)) * 1000),
                  value.isFinite else { continue }
            points[start] = ReplayPoint(start: start, value: value, firstRecord: window.firstRecord,
                                        lastRecord: window.lastRecord, firstFlowRecord: window.firstFlowRecord)
        }
        return points
    }

    /// The terms a condition has: `critical`, `warning` or `critical+warning`.
    static func tier(of condition: AlertCondition) -> String {
        condition.terms.map(\.priority.rawValue).joined(separator: "+")
    }

    /// A condition that is not backtested: listed with why, so the rest of its policy is
    /// still reviewed and nobody mistakes it for a quiet one.
    private func refusedReview(_ index: Int) -> ConditionReview {
        let condition = stage.conditions[index]
        var review = ConditionReview(
            name: condition.name, kind: .current, action: .keep, tier: Self.tier(of: condition),
            route: condition.route, nrql: condition.nrql, windowSeconds: condition.windowSeconds,
            critical: condition.critical, warning: condition.warning, fillsZero: false, figures: BacktestFigures(),
            incidents: [], caught: [], missed: [], notes: stage.refusal(of: index).map { [.notBacktested($0)] } ?? [],
            replaces: nil, chart: nil)
        review.refusal = stage.refusal(of: index)
        return review
    }

    private func proposal(_ plan: ProposalPlan, tuner: ProposalTuner, tuned: ProposalTuner.Tuned,
                          choice: PageBudget.Choice, episodes: [FailureEpisode]) -> ConditionReview {
        let candidate = tuned.candidates[choice.index]
        let finished = tuner.finish(candidate, plan: plan, episodes: episodes)
        let query = candidate.query
        var figures = BacktestFigures()
        for incident in finished.incidents { figures.add(incident.incident, isNoise: incident.noise) }
        let quality = finished.quality
        var notes: [ReviewNote] = [.plan(tier: plan.tier, service: plan.service, recent: plan.recent, team: plan.team)]
        notes.append(.form(candidate.form, zeroWhenEmpty: query.zeroWhenEmpty, otherForms: tuned.formNotes + plan.facetNotes))
        notes += candidate.notes.map(ReviewNote.tuning)
        notes.append(.gapFilling(zeroWhenEmpty: query.zeroWhenEmpty))
        notes.append(.timeLimit(seconds: ProposalSettings.violationTimeLimitSeconds))
        if plan.stale > 0 { notes.append(.staleExclusion(failures: plan.stale)) }
        if !plan.chronic.isEmpty { notes.append(.chronicExclusion(plan.chronic)) }
        if plan.unclassed > 0 { notes.append(.unclassedFailures(plan.unclassed)) }
        notes.append(.incidents(total: figures.incidents, noise: figures.noiseIncidents))
        if quality.episodes > 0 { notes.append(.detection(quality, ofWhatItMatches: false)) }
        notes.append(.red(quality))
        if let reason = choice.reason { notes.append(.tuning(reason)) }
        if !candidate.violations.isEmpty { notes.append(.noCandidateKeepsLimits(candidate.violations)) }
        return ConditionReview(
            name: plan.name, kind: .proposed, action: .add,
            tier: plan.tier.rawValue, route: plan.team, nrql: query.description, windowSeconds: candidate.windowSeconds,
            critical: plan.tier == .critical ? candidate.threshold : nil,
            warning: plan.tier == .warning ? candidate.threshold : nil, fillsZero: query.zeroWhenEmpty,
            figures: figures, incidents: finished.incidents,
            caught: quality.outcomes.filter { $0.verdict == .detected }.map(\.episode),
            missed: quality.outcomes.filter { $0.verdict != .detected }.map(\.episode),
            notes: notes, replaces: nil, chart: finished.chart,
            slideBySeconds: candidate.slideBySeconds, quality: quality, chronicExclusions: plan.excludedBillers)
    }

    /// Recent actionable failures per service and category that no current condition counted
    /// (chronic ones left out: they are tickets).
    private func coverageGaps(cube: SignalCube, cells: [SignalCube.Cell], chronic: [ChronicFailure]) -> [CoverageGap] {
        var recent: [String: [Category: Int]] = [:]
        for cell in cells where cell.count > 0 && !cube.isStale(cell) {
            guard let category = cube.category(of: cell), rules.policy(for: category).actionable,
                  !chronic.contains(service: cube.service(of: cell), billerId: cube.billerId(of: cell), category: category)
            else { continue }
            recent[cube.service(of: cell), default: [:]][category, default: 0] += cell.count
        }
        var gaps: [CoverageGap] = []
        for service in recent.keys.sorted() {
            for (category, count) in recent[service]!.sorted(by: { $0.key.index < $1.key.index }) {
                let covered = stage.matchedByService.contains { ($0[service]?[category.index] ?? 0) > 0 }
                guard !covered, count >= tuning.minimumRecentFailures else { continue }
                gaps.append(CoverageGap(service: service, category: category, records: count,
                                        team: rules.classification(for: category, service: service).team))
            }
        }
        return gaps
    }
}
