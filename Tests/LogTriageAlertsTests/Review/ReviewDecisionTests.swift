import Testing
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageModel

/// The review's decisions on hand-built conditions, without replaying a week: each finding
/// from a condition's figures, incidents, quality and route; what becomes of the condition;
/// and where a proposal goes.
@Suite("Alerts: the review's decisions on typed findings")
struct ReviewDecisionTests {
    /// A week from 2026-11-09 00:00Z, in epoch ms.
    static let start: Int64 = 1_794_182_400_000
    static let term = AlertThreshold(operator: .above, value: 5, durationSeconds: 300)

    /// Transient failures page SRE; validation is a warning for Integration; a biller's
    /// rejected credentials page Client Services; running out of resources pages the service's
    /// own team; rate limits are a retryable warning for Client Services.
    static let rules = CategoryRules(rules: [], policies: [
        .transient: CategoryPolicy(team: .named("sre"), tier: .critical, retryable: true),
        .validation: CategoryPolicy(team: .named("integration"), tier: .warning, retryable: false),
        .endpointAuth: CategoryPolicy(team: .named("client-services"), tier: .critical, retryable: false),
        .resource: CategoryPolicy(team: .owningTeam, tier: .critical, retryable: false),
        .rateLimited: CategoryPolicy(team: .named("client-services"), tier: .warning, retryable: true),
    ], teams: ["pump-worker": "payments", "export-consumer": "data-export"])

    let decisions = ReviewDecisions(rules: Self.rules, tuning: AlertTuning(), deadLetterServices: ["export-consumer"])

    /// An incident opened `hour` hours into the week, open `minutes`, on `category`.
    static func incident(hour: Int, minutes: Int = 30, category: Category? = .transient, noise: Bool = false,
                         unknown: Bool = false) -> ReviewIncident {
        let opened = start + Int64(hour) * 3_600_000
        return ReviewIncident(facet: "", tier: .critical,
                              incident: BacktestIncident(opened: opened, closed: opened + Int64(minutes) * 60_000,
                                                         openWindow: opened / 1000 - 300, peak: 9, windows: 1,
                                                         openAtEnd: false),
                              noise: noise, topCategory: category?.rawValue ?? "", unknown: unknown)
    }

    static func episode(hour: Int, category: Category = .transient) -> FailureEpisode {
        FailureEpisode(service: "pump-worker", category: category, tier: .critical,
                       start: start + Int64(hour) * 3_600_000, end: start + Int64(hour + 1) * 3_600_000, records: 40)
    }

    /// A current condition with these incidents (figures counted from them), episodes' verdicts
    /// and minutes red without a cause.
    static func condition(route: String? = "sre", critical: AlertThreshold? = term, warning: AlertThreshold? = nil,
                          incidents: [ReviewIncident], outcomes: [(FailureEpisode, EpisodeOutcome.Verdict)] = [],
                          redWithoutCauseMinutes: Double = 0) -> ConditionReview {
        var figures = BacktestFigures()
        for incident in incidents { figures.add(incident.incident, isNoise: incident.noise) }
        var quality = AlertQuality()
        quality.outcomes = outcomes.map { episode, verdict in
            EpisodeOutcome(episode: episode, verdict: verdict, minutesToDetect: verdict == .detected ? 5 : nil,
                           incidents: verdict == .detected ? 1 : 0)
        }
        quality.redWithoutCauseMinutes = redWithoutCauseMinutes
        return ConditionReview(name: "pump errors", kind: .current, action: .keep,
                               tier: critical == nil ? "warning" : warning == nil ? "critical" : "critical+warning",
                               route: route, nrql: "SELECT count(*) FROM Log WHERE entity.name = 'pump-worker'",
                               windowSeconds: 300, critical: critical, warning: warning, fillsZero: false,
                               figures: figures, incidents: incidents,
                               caught: quality.outcomes.filter { $0.verdict == .detected }.map(\.episode),
                               missed: quality.outcomes.filter { $0.verdict != .detected }.map(\.episode),
                               notes: [.incidents(total: figures.incidents, noise: figures.noiseIncidents)],
                               quality: quality)
    }

    func decide(_ row: ConditionReview, mainService: String = "pump-worker", replacements: Int = 0,
                detectedByProposals: Set<FailureEpisode> = []) -> (findings: [ReviewFinding], decision: ConditionDecision) {
        let findings = decisions.findings(row, mainService: mainService)
        return (findings, decisions.decide(row, findings: findings, mainService: mainService,
                                           replacements: replacements, detectedByProposals: detectedByProposals))
    }

    @Test func aSoundConditionHasNoFindingAndIsKeptWhereItIs() {
        let episode = Self.episode(hour: 10)
        let row = Self.condition(incidents: [Self.incident(hour: 10), Self.incident(hour: 40)],
                                 outcomes: [(episode, .detected)])
        let (findings, decision) = decide(row)
        #expect(findings.isEmpty)
        #expect(decision == .keep(moveTo: nil))
        #expect(decision.action == .keep)
    }

    @Test func aConditionMostlyNoiseIsRemoved() {
        let row = Self.condition(incidents: [
            Self.incident(hour: 1), Self.incident(hour: 2, noise: true), Self.incident(hour: 3, noise: true),
            Self.incident(hour: 4, category: nil, noise: true),
        ])
        let (findings, decision) = decide(row)
        #expect(findings == [.noisy(noiseIncidents: 3, incidents: 4)])
        #expect(findings[0].isMostlyNoise)
        #expect(decision == .remove)
        #expect(decision.action == .remove)
    }

    @Test func someNoiseIsAFindingButNoReasonToRemove() {
        let row = Self.condition(incidents: [Self.incident(hour: 1), Self.incident(hour: 2), Self.incident(hour: 3, noise: true)])
        let (findings, decision) = decide(row)
        #expect(findings == [.noisy(noiseIncidents: 1, incidents: 3)])
        #expect(!findings[0].isMostlyNoise)
        #expect(decision == .keep(moveTo: nil))
    }

    @Test("unknown incidents never lead to removal")
    func unknownIncidentsNeverLeadToRemoval() {
        // Mostly noise, but one incident opened on unclassified errors: it may be an outage
        // nobody has a rule for yet.
        let noisy = Self.condition(incidents: [
            Self.incident(hour: 1, unknown: true), Self.incident(hour: 2, noise: true), Self.incident(hour: 3, noise: true),
        ])
        let (noisyFindings, noisyDecision) = decide(noisy)
        #expect(noisyFindings == [.noisy(noiseIncidents: 2, incidents: 3)])
        #expect(noisyFindings[0].isMostlyNoise)
        #expect(noisyDecision == .keep(moveTo: nil))
        // Red without cause with every episode detected by the proposals: removed, unless one
        // of its incidents is unknown.
        let episode = Self.episode(hour: 20)
        var red = Self.condition(incidents: [Self.incident(hour: 20, minutes: 2_000)], outcomes: [(episode, .masked)],
                                 redWithoutCauseMinutes: 13 * 60)
        #expect(decide(red, detectedByProposals: [episode]).decision == .remove)
        red.incidents.append(Self.incident(hour: 60, unknown: true))
        #expect(decide(red, detectedByProposals: [episode]).decision == .keep(moveTo: nil))
    }

    @Test func redWithoutCauseIsRemovedOnlyWhenTheProposalsDetectItsEpisodes() {
        let episodes = [Self.episode(hour: 20), Self.episode(hour: 50)]
        let row = Self.condition(incidents: [Self.incident(hour: 19, minutes: 3_000)],
                                 outcomes: [(episodes[0], .masked), (episodes[1], .masked)],
                                 redWithoutCauseMinutes: 13 * 60)
        let (findings, covered) = decide(row, detectedByProposals: Set(episodes))
        #expect(findings == [.missesEpisodes(detected: 0, episodes: 2, masked: 2), .redWithoutCause(minutes: 780)])
        #expect(covered == .remove)
        // One of its episodes no proposal detects: it still has a use.
        #expect(decide(row, detectedByProposals: [episodes[0]]).decision == .keep(moveTo: nil))
        // Red for less than the limit (12 h a week) is no finding.
        let brief = Self.condition(incidents: [Self.incident(hour: 19, minutes: 600)], redWithoutCauseMinutes: 11 * 60)
        #expect(decide(brief).findings.isEmpty)
    }

    @Test func flappingIsAFindingAndProposalsPlacedOnItReplaceIt() {
        let row = Self.condition(incidents: [Self.incident(hour: 1, minutes: 2), Self.incident(hour: 2, minutes: 3),
                                             Self.incident(hour: 3, minutes: 20)])
        let (findings, alone) = decide(row)
        #expect(findings == [.flapping(incidents: 2)])
        #expect(alone == .keep(moveTo: nil))
        let one = decide(row, replacements: 1).decision
        #expect(one == .replace(proposals: 1) && one.action == .change)
        let two = decide(row, replacements: 2).decision
        #expect(two == .replace(proposals: 2) && two.action == .split)
    }

    @Test("a warning-tier category paged as critical: the same condition is proposed as a warning")
    func criticalForAWarningTierCategoryProposesAWarning() throws {
        let row = Self.condition(route: "integration", incidents: [
            Self.incident(hour: 1, category: .validation), Self.incident(hour: 2, category: .validation),
            Self.incident(hour: 3, category: .transient),
        ])
        let (findings, decision) = decide(row)
        #expect(findings == [.pagesCriticalForWarningTier(.validation)])
        #expect(decision == .moveToWarningTier)
        #expect(decision.action == .change)
        let change = decisions.warningTierChange(of: row, mainService: "pump-worker")
        #expect(change.kind == .proposed && change.action == .change && change.replaces == "pump errors")
        #expect(change.critical == nil && change.warning == Self.term && change.tier == "warning")
        #expect(change.route == "integration")
        #expect(change.incidents.map(\.tier) == [.warning, .warning, .warning])
        #expect(change.quality.pages == 0)
        #expect(change.notes == [.warningTierChange(route: "integration")])
        // With a warning term already, or on a critical-tier category, there is nothing to move.
        let twoTerms = Self.condition(route: "integration", warning: Self.term,
                                      incidents: [Self.incident(hour: 1, category: .validation)])
        #expect(decide(twoTerms).findings.isEmpty)
        let critical = Self.condition(incidents: [Self.incident(hour: 1, category: .transient)])
        #expect(decide(critical).findings.isEmpty)
    }

    @Test func aMisroutedConditionIsKeptAndMovesToTheOwnersPolicy() {
        // Real incidents are mostly a biller's rejected credentials, which Client Services owns;
        // the noise incidents' category does not count.
        let row = Self.condition(route: "sre", incidents: [
            Self.incident(hour: 1, category: .endpointAuth), Self.incident(hour: 2, category: .endpointAuth),
            Self.incident(hour: 3, category: .transient),
            Self.incident(hour: 4, category: .transient, noise: true), Self.incident(hour: 5, category: .transient, noise: true),
        ])
        let (findings, decision) = decide(row)
        #expect(findings == [.noisy(noiseIncidents: 2, incidents: 5),
                             .misrouted(route: "sre", category: .endpointAuth, owner: "client-services")])
        #expect(decision == .keep(moveTo: "client-services"))
    }

    @Test func retryableFailuresOfADeadLetteringServiceBelongToItsOwnTeam() {
        // Rate limits are Client Services' elsewhere; export-consumer dead-letters after
        // retryable errors, so its retries are its own team's to fix.
        let row = Self.condition(route: "client-services", critical: nil, warning: Self.term,
                                 incidents: [Self.incident(hour: 1, category: .rateLimited)])
        let (findings, decision) = decide(row, mainService: "export-consumer")
        #expect(findings == [.misrouted(route: "client-services", category: .rateLimited, owner: "data-export")])
        #expect(decision == .keep(moveTo: "data-export"))
        #expect(decide(row).findings.isEmpty)
    }

    @Test func aConditionRoutedToNobodyIsUnroutedOnceItOpensIncidents() {
        let row = Self.condition(route: nil, incidents: [Self.incident(hour: 1, category: .resource)])
        let (findings, decision) = decide(row)
        #expect(findings == [.unrouted])
        // Kept, and moved to the policy of the team that owns what it caught.
        #expect(decision == .keep(moveTo: "payments"))
        let quiet = Self.condition(route: nil, incidents: [])
        #expect(decide(quiet).findings.isEmpty)
        #expect(decide(quiet).decision == .keep(moveTo: nil))
    }

    @Test func aRefusedConditionIsKeptWithoutAMove() {
        var row = Self.condition(route: "sre", incidents: [Self.incident(hour: 1, category: .endpointAuth)])
        row.refusal = .otherEventType(["Transaction"])
        #expect(decide(row).decision == .keep(moveTo: nil))
    }

    @Test func missedAndMaskedEpisodesAreAFinding() {
        let episodes = [Self.episode(hour: 10), Self.episode(hour: 30), Self.episode(hour: 50), Self.episode(hour: 70)]
        let row = Self.condition(incidents: [Self.incident(hour: 10), Self.incident(hour: 29, minutes: 120)],
                                 outcomes: [(episodes[0], .detected), (episodes[1], .masked), (episodes[2], .late),
                                            (episodes[3], .missed)])
        let (findings, decision) = decide(row)
        #expect(findings == [.missesEpisodes(detected: 1, episodes: 4, masked: 1)])
        #expect(decision == .keep(moveTo: nil))
    }

    @Test("a proposal replaces the first unsound condition counting its service")
    func aProposalReplacesTheFirstUnsoundCondition() {
        let missed = Self.episode(hour: 30)
        let placement = ReviewDecisions.place(caught: [missed], among: [
            (condition: 0, findings: [], caught: [missed]),
            (condition: 2, findings: [.missesEpisodes(detected: 0, episodes: 1, masked: 0)], caught: []),
            (condition: 3, findings: [.unrouted], caught: []),
        ])
        #expect(placement == .replaces(condition: 2))
    }

    @Test func aSoundConditionThatDetectsWhatTheProposalWouldKeepsItsPlace() {
        let episodes = [Self.episode(hour: 10), Self.episode(hour: 30)]
        let placement = ReviewDecisions.place(caught: [episodes[1]], among: [
            (condition: 1, findings: [], caught: [episodes[0]]),
            (condition: 4, findings: [], caught: episodes),
        ])
        #expect(placement == .coveredBy(condition: 4))
    }

    @Test("missed episodes no sound condition detects are added")
    func missedEpisodesNoConditionDetectsAreAdded() {
        let episodes = [Self.episode(hour: 10), Self.episode(hour: 30)]
        #expect(ReviewDecisions.place(caught: episodes, among: []) == .added)
        #expect(ReviewDecisions.place(caught: episodes, among: [(condition: 0, findings: [], caught: [episodes[0]])])
            == .added)
    }

    @Test func theTopRealCategoryIgnoresNoiseAndBreaksTiesInCategoryOrder() {
        let tie = Self.condition(incidents: [
            Self.incident(hour: 1, category: .validation), Self.incident(hour: 2, category: .transient),
            Self.incident(hour: 3, category: .endpointAuth, noise: true),
            Self.incident(hour: 4, category: .endpointAuth, noise: true),
        ])
        #expect(ReviewDecisions.topRealCategory(of: tie) == .transient)
        let none = Self.condition(incidents: [Self.incident(hour: 1, noise: true), Self.incident(hour: 2, category: nil)])
        #expect(ReviewDecisions.topRealCategory(of: none) == nil)
        #expect(decisions.owner(of: none, mainService: "pump-worker") == nil)
    }
}
