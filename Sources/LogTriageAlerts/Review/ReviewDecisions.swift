import LogTriageModel
import LogTriageAnalysis

/// The review's decisions, each made on values: what is wrong with a current condition
/// (``ReviewFinding``), what becomes of it (``ConditionDecision``), and where each proposal
/// goes (``ProposalPlacement``). Nothing here reads or writes words, so every decision can be
/// checked on a hand-built condition without replaying a week.
struct ReviewDecisions {
    let rules: CategoryRules
    let tuning: AlertTuning
    /// Services that dead-letter messages after retryable errors: their retryable failures
    /// are the consumer's team's to fix.
    let deadLetterServices: Set<String>

    init(rules: CategoryRules, tuning: AlertTuning, deadLetterServices: Set<String> = []) {
        self.rules = rules
        self.tuning = tuning
        self.deadLetterServices = deadLetterServices
    }

    /// Why a current condition needs changing, in a fixed order; empty when it is sound: it
    /// paged only on real failures, never flapped, pages in the tier of what it caught, routes
    /// to the team that owns it, detected its episodes in time and was never red for long
    /// without a cause.
    ///
    /// - Parameter mainService: the service whose records the condition counted most: with
    ///   the category of its real incidents, it says which team owns what it catches.
    func findings(_ row: ConditionReview, mainService: String?) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        if row.figures.noiseIncidents > 0 {
            findings.append(.noisy(noiseIncidents: row.figures.noiseIncidents, incidents: row.figures.incidents))
        }
        if row.figures.flappingIncidents > 0 { findings.append(.flapping(incidents: row.figures.flappingIncidents)) }
        if let category = Self.topRealCategory(of: row) {
            if row.critical != nil && row.warning == nil && rules.policy(for: category).tier == .warning {
                findings.append(.pagesCriticalForWarningTier(category))
            }
            if let route = row.route, let service = mainService {
                let owner = ProposalPlan.owner(of: category, service: service, rules: rules,
                                               deadLetterServices: deadLetterServices)
                if owner != route { findings.append(.misrouted(route: route, category: category, owner: owner)) }
            }
        }
        if row.route == nil && row.figures.incidents > 0 { findings.append(.unrouted) }
        let quality = row.quality
        if quality.episodes > quality.detected {
            findings.append(.missesEpisodes(detected: quality.detected, episodes: quality.episodes, masked: quality.masked))
        }
        if quality.redWithoutCauseHoursPerWeek > tuning.maximumRedWithoutCauseHours {
            findings.append(.redWithoutCause(minutes: quality.redWithoutCauseMinutes))
        }
        return findings
    }

    /// What becomes of a current condition.
    ///
    /// Replaced when proposals were placed on it. Otherwise removed when it is unsound and
    /// either mostly noise or red without cause while the proposals detect every episode it
    /// should have; never removed on incidents over unclassified errors, which may be a real
    /// outage nobody has a rule for yet. Else moved to the warning tier when it pages critical
    /// for a warning-tier category; else kept, moving to the owning team's policy when it pages
    /// another team.
    ///
    /// - Parameters:
    ///   - replacements: the proposals placed on it (``ProposalPlacement/replaces(condition:)``).
    ///   - detectedByProposals: the episodes some proposal detects in time.
    func decide(_ row: ConditionReview, findings: [ReviewFinding], mainService: String?, replacements: Int,
                detectedByProposals: Set<FailureEpisode>) -> ConditionDecision {
        if replacements > 0 { return .replace(proposals: replacements) }
        let unknown = row.incidents.contains(where: \.unknown)
        let mostlyNoise = findings.contains(where: \.isMostlyNoise)
        // Red most of the time with nothing of its own failing, while the proposals detect
        // every episode it should have: it only masks them.
        let onlyMasks = findings.contains { if case .redWithoutCause = $0 { true } else { false } }
            && row.quality.outcomes.allSatisfy { detectedByProposals.contains($0.episode) }
        if !findings.isEmpty && (mostlyNoise || onlyMasks) && !unknown { return .remove }
        if findings.contains(where: { if case .pagesCriticalForWarningTier = $0 { true } else { false } }) {
            return .moveToWarningTier
        }
        guard row.refusal == nil, let owner = owner(of: row, mainService: mainService), owner != row.route else {
            return .keep(moveTo: nil)
        }
        return .keep(moveTo: owner)
    }

    /// Where a proposal goes: it replaces the first unsound condition among `candidates`
    /// (the current conditions that counted failures of its service, in file order); a sound
    /// one that already detects every episode the proposal would keeps its place; else the
    /// proposal is added.
    ///
    /// - Parameters:
    ///   - caught: the episodes the proposal detects in time.
    ///   - candidates: each candidate's position, findings and detected episodes.
    static func place(caught: [FailureEpisode],
                      among candidates: [(condition: Int, findings: [ReviewFinding], caught: [FailureEpisode])])
        -> ProposalPlacement {
        if let unsound = candidates.first(where: { !$0.findings.isEmpty }) { return .replaces(condition: unsound.condition) }
        if let sound = candidates.first(where: { Set(caught).isSubset(of: Set($0.caught)) }) {
            return .coveredBy(condition: sound.condition)
        }
        return .added
    }

    /// The same condition in the warning tier and routed to the team that owns what it
    /// catches: its incidents stay, only their urgency and destination change.
    func warningTierChange(of row: ConditionReview, mainService: String?) -> ConditionReview {
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
        if let owner = owner(of: row, mainService: mainService) { change.route = owner }
        change.notes = [.warningTierChange(route: change.route)]
        return change
    }

    /// The team owning the most frequent category of the condition's real incidents in its
    /// main service.
    func owner(of row: ConditionReview, mainService: String?) -> String? {
        guard let category = Self.topRealCategory(of: row), let mainService else { return nil }
        return ProposalPlan.owner(of: category, service: mainService, rules: rules, deadLetterServices: deadLetterServices)
    }

    /// The most frequent top category of the condition's real incidents (ties: `Category` order).
    static func topRealCategory(of row: ConditionReview) -> Category? {
        var byCategory: [Category: Int] = [:]
        for incident in row.incidents where !incident.noise {
            if let category = Category(rawValue: incident.topCategory) { byCategory[category, default: 0] += 1 }
        }
        return byCategory.max { ($0.value, $1.key.index) < ($1.value, $0.key.index) }?.key
    }
}
