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

    /// Last week, when known: its chronic failures per biller make "present through last
    /// week" checkable. Nil without a previous week.
    let previousWeek: BaselineCounts?
    /// Who is told about what.
    let routing: AlertRouting
    /// Services that dead-letter messages after retryable errors: their retryable failures
    /// are the consumer's team's to fix.
    let deadLetterServices: Set<String>

    package init(stage: AlertStage, rules: CategoryRules, tuning: AlertTuning, schema: RecordSchema,
                 range: ClosedRange<Int64>, previousWeek: BaselineCounts? = nil, routing: AlertRouting = AlertRouting(),
                 deadLetterServices: Set<String> = []) {
        self.stage = stage
        self.rules = rules
        self.tuning = tuning
        self.schema = schema
        self.range = range
        self.previousWeek = previousWeek
        self.routing = routing
        self.deadLetterServices = deadLetterServices
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
        let cube = stage.cube
        let chronic = ChronicFailureFinder(cube: cube, rules: rules, tuning: tuning, range: range,
                                           subjectClusters: stage.subjectClusters, previous: previousChronic).find()
        let subjects = SubjectAttributes(cube: cube, actionable: { rules.policy(for: $0).actionable }, tuning: tuning,
                                         chronic: chronic)
        let episodes = FailureEpisode.find(in: cube, policy: { (rules.policy(for: $0).actionable, rules.policy(for: $0).tier) },
                                           tuning: tuning, subjects: subjects, chronic: chronic, range: range)
        var current = stage.conditions.indices.map { currentReview($0, episodes: episodes, chronic: chronic) }
        let proposals = tunedProposals(cube: cube, episodes: episodes, subjects: subjects, chronic: chronic)
        // A condition is sound when it paged only on real failures, never flapped, detected
        // its episodes in time, pages in the tier of what it caught and routes to the team
        // that owns it.
        let problems = current.indices.map { soundnessProblems(current[$0]) }
        // Each proposal replaces the first unsound condition that counted failures of its
        // service; a sound one that already detects what the proposal would keeps its place.
        var owned: [Int: [Int]] = [:]
        var unowned: [Int] = []
        for (index, entry) in proposals.enumerated() {
            let candidates = stage.conditions.indices.filter {
                (stage.matchedByService[$0][entry.plan.service]?.reduce(0, +) ?? 0) > 0
            }
            if let owner = candidates.first(where: { !problems[$0].isEmpty }) {
                owned[owner, default: []].append(index)
            } else if let sound = candidates.first(where: { Set(entry.review.caught).isSubset(of: Set(current[$0].caught)) }) {
                current[sound].rationale += "; covers what '\(entry.review.name)' would"
            } else {
                unowned.append(index)
            }
        }
        var proposed: [ConditionReview] = []
        for index in current.indices {
            let mine = owned[index] ?? []
            var row = current[index]
            if mine.isEmpty {
                // Never removed on unknown incidents: unclassified errors may be a real outage.
                let unknown = row.incidents.filter(\.unknown).count
                let noisy = 2 * row.figures.noiseIncidents > row.figures.incidents
                // Red most of the time with nothing of its own failing, while the proposals
                // detect every episode it should have: it only masks them.
                let staysRed = row.quality.redWithoutCauseHoursPerWeek > tuning.maximumRedWithoutCauseHours
                    && row.quality.outcomes.allSatisfy { outcome in
                        proposals.contains { $0.review.quality.outcomes.contains { $0.episode == outcome.episode && $0.verdict == .detected } }
                    }
                if !problems[index].isEmpty && (noisy || staysRed) && unknown == 0 {
                    row.action = .remove
                    row.rationale += "; remove: \(problems[index].joined(separator: ", ")), and the failures it counts are covered by the proposals"
                } else if let tierChange = tierChange(row, problems: problems[index]) {
                    row.action = .change
                    row.rationale += "; change: \(problems[index].joined(separator: ", "))"
                    proposed.append(tierChange)
                } else {
                    row.action = .keep
                    if !problems[index].isEmpty { row.rationale += "; keep, though \(problems[index].joined(separator: ", "))" }
                    // Kept, but paging a team that does not own what it catches: it moves to
                    // the owner's policy.
                    if let owner = teamOfRealIncidents(row), owner != row.route, row.refusal == nil {
                        row.moveTo = owner
                        row.rationale += "; move it to \(owner)'s policy (alerts.tf moves it, it does not copy it)"
                    }
                }
                current[index] = row
                continue
            }
            row.action = mine.count == 1 ? .change : .split
            row.rationale += "; \(row.action.rawValue): \(problems[index].joined(separator: ", "))"
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
            review.rationale = "coverage gap: no current condition counted these failures; " + review.rationale
            proposed.append(review)
        }
        // A proposal New Relic would reject is never written; the condition it replaces says so.
        var accepted: [ConditionReview] = []
        for row in proposed {
            let problems = ProposalLimits.problems(row)
            if problems.isEmpty {
                accepted.append(row)
            } else if let replaced = row.replaces, let owner = current.firstIndex(where: { $0.name == replaced }) {
                current[owner].rationale += "; proposal '\(row.name)' not written: New Relic would reject it ("
                    + problems.joined(separator: ", ") + ")"
            }
        }
        return AlertReview(current: current, proposed: accepted, episodes: episodes,
                           coverageGaps: coverageGaps(cube: cube, chronic: chronic), chronic: chronic,
                           previousWeekStart: previousChronic == nil ? nil : previousWeek?.rangeStart, range: range,
                           routing: routing, actionableFailures: actionableFailures(cube: cube, chronic: chronic))
    }

    /// Recent actionable failures per owning team and tier, chronic ones left out.
    private func actionableFailures(cube: SignalCube, chronic: [ChronicFailure]) -> [String: [Tier: Int]] {
        var result: [String: [Tier: Int]] = [:]
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
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
    private func tunedProposals(cube: SignalCube, episodes: [FailureEpisode], subjects: SubjectAttributes,
                                chronic: [ChronicFailure])
        -> [(plan: ProposalPlan, review: ConditionReview)] {
        let tuner = ProposalTuner(cube: cube, tuning: tuning, nonActionable: nonActionable, range: range)
        var tuned: [(plan: ProposalPlan, scope: [FailureEpisode], tuned: ProposalTuner.Tuned)] = []
        for plan in ProposalPlan.plans(cube: cube, rules: rules, tuning: tuning, subjects: subjects, chronic: chronic,
                                       deadLetterServices: deadLetterServices) {
            let scope = episodes.filter { $0.service == plan.service && plan.categories.contains($0.category) }
            // A warning-tier plan with no burst to catch would only add a condition nobody needs.
            guard plan.tier == .critical || scope.contains(where: { !$0.startsWithExport }),
                  let result = tuner.tune(plan, episodes: scope) else { continue }
            tuned.append((plan, scope, result))
        }
        // A team's name in a proposal's only where another proposal of the service and tier remains.
        for index in tuned.indices {
            let plan = tuned[index].plan
            tuned[index].plan.teamInName = tuned.filter {
                $0.plan.service == plan.service && $0.plan.tier == plan.tier && $0.plan.subjectAttribute == plan.subjectAttribute
            }.count > 1
        }
        let budget = PageBudget(limit: tuning.maximumPagesPerTeam)
        let choices = budget.choose(tuned.map { (team: $0.plan.team, candidates: $0.tuned.candidates) })
        return tuned.indices.map { index in
            let entry = tuned[index]
            return (entry.plan, proposal(entry.plan, tuner: tuner, tuned: entry.tuned, choice: choices[index],
                                         episodes: entry.scope))
        }
    }

    /// Why a current condition needs changing; empty when it is sound.
    private func soundnessProblems(_ row: ConditionReview) -> [String] {
        var problems: [String] = []
        if row.figures.noiseIncidents > 0 {
            problems.append("\(row.figures.noiseIncidents) of \(row.figures.incidents) incidents were noise")
        }
        if row.figures.flappingIncidents > 0 {
            problems.append("\(row.figures.flappingIncidents) incidents flapped (under 5 minutes)")
        }
        if let category = topRealCategory(of: row) {
            let policy = rules.policy(for: category)
            if row.critical != nil && row.warning == nil && policy.tier == .warning {
                problems.append("it pages critical for \(category.rawValue), a warning-tier category")
            }
            if let route = row.route, let service = mainService(of: row) {
                let team = ProposalPlan.owner(of: category, service: service, rules: rules,
                                              deadLetterServices: deadLetterServices)
                if team != route { problems.append("it routes to \(route), but \(category.rawValue) failures belong to \(team)") }
            }
        }
        if row.route == nil && row.figures.incidents > 0 { problems.append("it routes to nobody") }
        let quality = row.quality
        if quality.episodes > quality.detected {
            problems.append("it detects \(quality.detected) of \(quality.episodes) failure episodes in time"
                + (quality.masked > 0 ? " (\(quality.masked) masked by an incident already open)" : ""))
        }
        if quality.redWithoutCauseHoursPerWeek > tuning.maximumRedWithoutCauseHours {
            problems.append("it is red \(Self.hours(quality.redWithoutCauseMinutes)) h without a failure of its own")
        }
        return problems
    }

    /// The same condition moved to the warning tier (and to the owning team), when what it
    /// pages on is a warning-tier category: the incidents stay, only their urgency and
    /// destination change.
    private func tierChange(_ row: ConditionReview, problems: [String]) -> ConditionReview? {
        guard row.critical != nil, row.warning == nil, problems.contains(where: { $0.contains("warning-tier") }) else {
            return nil
        }
        var change = row
        change.kind = .proposed
        change.action = .change
        change.replaces = row.name
        change.warning = row.critical
        change.critical = nil
        change.tier = Tier.warning.rawValue
        change.incidents = row.incidents.map { incident in
            var moved = incident
            moved.tier = .warning
            return moved
        }
        change.quality.pages = 0
        if let route = teamOfRealIncidents(row) { change.route = route }
        change.rationale = "the same query and threshold in the warning tier, routed to \(change.route ?? "the owning team"): what it caught is not a page"
        return change
    }

    /// The team owning the most frequent category of the condition's real incidents.
    private func teamOfRealIncidents(_ row: ConditionReview) -> String? {
        guard let category = topRealCategory(of: row), let service = mainService(of: row) else { return nil }
        return ProposalPlan.owner(of: category, service: service, rules: rules, deadLetterServices: deadLetterServices)
    }

    /// The most frequent top category of the condition's real incidents (ties: `Category` order).
    private func topRealCategory(of row: ConditionReview) -> Category? {
        var byCategory: [Category: Int] = [:]
        for incident in row.incidents where !incident.noise {
            if let category = Category(rawValue: incident.topCategory) { byCategory[category, default: 0] += 1 }
        }
        return byCategory.max { ($0.value, $1.key.index) < ($1.value, $0.key.index) }?.key
    }

    /// The service whose clustered records the condition counted most.
    private func mainService(of row: ConditionReview) -> String? {
        guard let index = stage.conditions.firstIndex(where: { $0.name == row.name }) else { return nil }
        return stage.matchedByService[index].max { ($0.value.reduce(0, +), $1.key) < ($1.value.reduce(0, +), $0.key) }?.key
    }

    /// A current condition as backtested: both terms' incidents, judged.
    private func currentReview(_ index: Int, episodes: [FailureEpisode], chronic: [ChronicFailure]) -> ConditionReview {
        let condition = stage.conditions[index]
        guard let query = stage.queries[index] else { return refusedReview(index) }
        let store = stage.store
        let chronicWindows = chronicDominatedWindows(condition: index, chronic: chronic)
        /// A window's judgement with its failures counted as chronic where chronic failures
        /// outnumber the fresh ones of what the condition counts (read off the cube's windows
        /// it overlaps, as the condition's own windows do not keep billers).
        func judged(_ judgement: WindowJudgement, start: Int64, seconds: Int) -> WindowJudgement {
            guard !chronicWindows.isEmpty else { return judgement }
            let base = Int64(stage.cube.baseWindowSeconds)
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
        for position in incidents.indices {
            let buckets = store.signal(condition: index, facet: incidents[position].facet)?.windows ?? [:]
            let slots = Dictionary(uniqueKeysWithValues: buckets.map { ($0.key, judged($0.value.judgement, start: $0.key, seconds: step)) })
            let minutes = IncidentTime.minutes(of: incidents[position].incident, slots: slots,
                                               slotSeconds: step, graceSeconds: grace, nonActionable: nonActionable)
            incidents[position].realMinutes = minutes.real
            incidents[position].noiseMinutes = minutes.noise
        }
        var figuresExact = BacktestFigures()
        for incident in incidents { figuresExact.add(incident.incident, isNoise: incident.noise) }
        let matched = stage.matchedByService[index]
        let scope = episodes.filter { (matched[$0.service]?[$0.category.index] ?? 0) > 0 }
        // Its own failures: the cube's windows with recent actionable failures of the services
        // and categories it counts, chronic ones left out (they are tickets, not a cause).
        var failingWindows: Set<Int64> = []
        let cube = stage.cube
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
        var notes: [String] = []
        notes.append("\(figuresExact.incidents) incident\(figuresExact.incidents == 1 ? "" : "s"), \(figuresExact.noiseIncidents) noise")
        let unknown = incidents.filter(\.unknown).count
        if unknown > 0 { notes.append("\(unknown) unknown (mostly unclassified errors)") }
        let staleDominated = incidents.filter { $0.topCategory == WindowJudgement.staleLabel }.count
        if staleDominated > 0 { notes.append("\(staleDominated) opened on stale-invoice failures") }
        let empty = incidents.filter { $0.topCategory.isEmpty }.count
        if empty > 0 { notes.append("\(empty) opened in windows without any error") }
        if quality.episodes > 0 { notes.append(Self.detectionNote(quality) + " of what it matches") }
        let misses = stage.aliasMisses[index]
        if misses > 0 {
            let carriers = stage.aliasCarriers[index].sorted {
                ($1.value, $0.key.attribute, $0.key.carriedAs) < ($0.value, $1.key.attribute, $1.key.carriedAs)
            }.map { carrier, count in
                carrier.carriedAs == carrier.attribute
                    ? "\(count) have '\(carrier.attribute)' in another case"
                    : "\(count) carry '\(carrier.attribute)' only as '\(carrier.carriedAs)'"
            }
            notes.append("New Relic would miss \(misses) record\(misses == 1 ? "" : "s") counted here, reading attributes as written: \(carriers.joined(separator: ", "))")
        }
        if stage.unfacetedRecords[index] > 0 {
            notes.append("\(stage.unfacetedRecords[index]) matching records lack the FACET attribute and are not counted")
        }
        let dropped = store.droppedRecords(condition: index)
        if dropped > 0 {
            notes.append("more than \(store.facetLimit) facet values: New Relic fails such a condition (\(dropped) records over the cap)")
        }
        if condition.route == nil { notes.append("no route: nobody in particular is paged") }
        if !condition.enabled { notes.append("disabled in New Relic: it pages nobody today") }
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
            caught: caught, missed: missed, rationale: notes.joined(separator: "; "),
            replaces: nil, chart: chart, slideBySeconds: condition.slideBySeconds, quality: quality,
            enabled: condition.enabled, condition: condition)
    }

    /// The cube's base windows (by start) in which the chronic failures of what a condition
    /// counts (its services and categories) outnumber the fresh actionable ones, with by how
    /// many; windows where fresh ones win are given as a negative balance so overlapping
    /// windows sum fairly.
    private func chronicDominatedWindows(condition index: Int, chronic: [ChronicFailure]) -> [Int64: Int] {
        guard !chronic.isEmpty else { return [:] }
        let cube = stage.cube
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
    /// from the steps it spans.
    static func windows(of condition: AlertCondition, select: NRQLExpression, buckets: [Int64: ConditionWindow],
                        step: Int) -> [Int64: ConditionWindow] {
        let span = max(1, condition.windowSeconds / max(1, step))
        guard span > 1 else { return buckets }
        var windows: [Int64: ConditionWindow] = [:]
        for bucket in buckets.keys.sorted() {
            for offset in 0..<span {
                let start = bucket - Int64(offset * step)
                windows[start, default: ConditionWindow(select, windowSeconds: condition.windowSeconds)]
                    .merge(buckets[bucket]!)
            }
        }
        // Event flow's record: in the first step, at or after the delay's offset; in the
        // later steps, any record.
        for start in windows.keys {
            let later = (1..<span).compactMap { buckets[start + Int64($0 * step)]?.firstRecord }.min() ?? .max
            windows[start]!.firstFlowRecord = min(buckets[start]?.firstFlowRecord ?? .max, later)
        }
        return windows
    }

    /// The data points of those windows: a window whose records give the query a value.
    static func points(_ windows: [Int64: ConditionWindow], windowSeconds: Int) -> [Int64: ReplayPoint] {
        var points: [Int64: ReplayPoint] = [:]
        for (start, window) in windows where window.accumulator.recordCount > 0 {
            guard let value = window.accumulator.value(windowEnd: (start + Int64(windowSeconds)) * 1000),
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
            incidents: [], caught: [], missed: [], rationale: "not backtested: \(stage.refusals[index] ?? "")",
            replaces: nil, chart: nil)
        review.refusal = stage.refusals[index]
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
        var notes: [String] = []
        let targets = plan.recent.sorted { $0.key.index < $1.key.index }
            .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        notes.append("\(plan.tier.rawValue) tier for \(plan.service) \(targets) recent failures, routed to \(plan.team)")
        var formNote = ProposalTuner.describe(candidate.form)
        if case .countPer = candidate.form { formNote += " (each value its own signal, so one failing does not hide another)" }
        if query.zeroWhenEmpty { formNote += " (filter() reads 0 in quiet windows)" }
        if !tuned.formNotes.isEmpty { formNote += "; " + tuned.formNotes.joined(separator: "; ") }
        if !plan.facetNotes.isEmpty { formNote += "; " + plan.facetNotes.joined(separator: "; ") }
        notes.append(formNote)
        notes += candidate.notes
        notes.append(query.zeroWhenEmpty
            ? "written with fill_option static 0 (a window with no failure reads 0 and counts toward closing; New Relic sends no data point for it otherwise) and no loss of signal (a quiet service is not an incident)"
            : "written with fill_option none (a window without calls has no ratio) and no loss of signal, so an incident of a service that stops calling stays open until calls return below the threshold")
        notes.append("incidents force-close after \(ProposalSettings.violationTimeLimitSeconds / 3_600) h (violation_time_limit_seconds), so a failure still going pages again")
        if plan.stale > 0 {
            notes.append("leaves out \(plan.stale) stale-invoice failures with '\(SignalCube.staleAttribute) IS NULL': New Relic has no attribute that marks them, so the integration must set \(SignalCube.staleAttribute)=true on a failure of an invoice older than the account's newest (the backtest reads LogTriage's verdict in its place)")
        }
        if !plan.chronic.isEmpty {
            let named = plan.chronic.map { $0.billerId.map { "biller \($0)" } ?? "\($0.service) as a whole" }
            notes.append("leaves out the chronic failures of \(Array(Set(named)).sorted().joined(separator: ", ")) (chronic.csv): a ticket for their owner, not a page; remove the exclusion once they are fixed")
        }
        if plan.unclassed > 0 {
            notes.append("\(plan.unclassed) targeted failures carry no error.class and are not counted: the service should log the exception class")
        }
        notes.append("\(figures.incidents) incident\(figures.incidents == 1 ? "" : "s"), \(figures.noiseIncidents) noise")
        if quality.episodes > 0 { notes.append(Self.detectionNote(quality)) }
        notes.append(Self.redNote(quality))
        if let reason = choice.reason { notes.append(reason) }
        if !candidate.violations.isEmpty {
            notes.append("no candidate keeps every limit: \(candidate.violations.joined(separator: ", "))")
        }
        return ConditionReview(
            name: plan.name, kind: .proposed, action: .add,
            tier: plan.tier.rawValue, route: plan.team, nrql: query.description, windowSeconds: candidate.windowSeconds,
            critical: plan.tier == .critical ? candidate.threshold : nil,
            warning: plan.tier == .warning ? candidate.threshold : nil, fillsZero: query.zeroWhenEmpty,
            figures: figures, incidents: finished.incidents,
            caught: quality.outcomes.filter { $0.verdict == .detected }.map(\.episode),
            missed: quality.outcomes.filter { $0.verdict != .detected }.map(\.episode),
            rationale: notes.joined(separator: "; "), replaces: nil, chart: finished.chart,
            slideBySeconds: candidate.slideBySeconds, quality: quality, chronicExclusions: plan.excludedBillers)
    }

    /// `detects 3 of 4 failure episodes in time (median 5 min; 1 masked by an incident already
    /// open: …)`.
    static func detectionNote(_ quality: AlertQuality) -> String {
        var text = "detects \(quality.detected) of \(quality.episodes) failure episodes in time"
        var details: [String] = []
        if let median = quality.medianMinutesToDetect { details.append("median \(NRQLValue.format(median.rounded())) min") }
        if let perEpisode = quality.incidentsPerEpisode {
            details.append("\(NRQLValue.format((perEpisode * 10).rounded() / 10)) incidents per episode")
        }
        for verdict in [EpisodeOutcome.Verdict.masked, .late, .missed] {
            let episodes = quality.outcomes.filter { $0.verdict == verdict }.map(\.episode)
            guard !episodes.isEmpty else { continue }
            let label = switch verdict {
            case .masked: "masked by an incident already open"
            case .late: "late"
            default: "missed"
            }
            details.append("\(episodes.count) \(label): " + episodes.prefix(3).map(\.description).joined(separator: ", ")
                + (episodes.count > 3 ? " and \(episodes.count - 3) more" : ""))
        }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }

    /// `red 14.5 h (9% of the week), 0.5 h without a failure of its own; 3 pages`.
    static func redNote(_ quality: AlertQuality) -> String {
        "red \(hours(quality.redMinutes)) h (\(NRQLValue.format((quality.redShare * 1000).rounded() / 10))% of the week), "
            + "\(hours(quality.redWithoutCauseMinutes)) h without a failure of its own; \(quality.pages) page\(quality.pages == 1 ? "" : "s")"
    }

    /// Minutes as hours with one decimal.
    static func hours(_ minutes: Double) -> String { NRQLValue.format((minutes / 6).rounded() / 10) }

    /// ` (misses: …)` naming the first three missed episodes, or nothing.
    static func misses(_ missed: [FailureEpisode]) -> String {
        guard !missed.isEmpty else { return "" }
        let shown = missed.prefix(3).map(\.description).joined(separator: ", ")
        return " (misses \(shown)\(missed.count > 3 ? " and \(missed.count - 3) more" : ""))"
    }

    /// Recent actionable failures per service and category that no current condition counted
    /// (chronic ones left out: they are tickets).
    private func coverageGaps(cube: SignalCube, chronic: [ChronicFailure]) -> [CoverageGap] {
        var recent: [String: [Category: Int]] = [:]
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
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
