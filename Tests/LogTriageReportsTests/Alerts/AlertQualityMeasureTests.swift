import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageModel

/// The alert-quality measure on hand-made incidents and episodes: detected, masked, late and
/// missed; red with and without a cause; noise minutes window by window; and the tuner's
/// ranking, which never prefers a condition that stays red.
@Suite("Alerts: alert quality measured incident by incident")
struct AlertQualityMeasureTests {
    /// A week from 2026-11-09 00:00Z, in epoch seconds.
    static let start: Int64 = 1_794_182_400
    static let range = start...(start + 7 * 86_400 - 1)

    static func ms(hour: Double) -> Int64 { (start + Int64(hour * 3_600)) * 1000 }

    static func incident(_ opened: Double, _ closed: Double, facet: String = "", tier: Tier = .critical) -> ReviewIncident {
        ReviewIncident(facet: facet, tier: tier,
                       incident: BacktestIncident(opened: ms(hour: opened), closed: ms(hour: closed),
                                                  openWindow: ms(hour: opened) / 1000 - 300, peak: 1, windows: 1, openAtEnd: false),
                       noise: false, topCategory: "endpoint_auth")
    }

    static func episode(_ start: Double, _ end: Double, biller: String? = nil, tier: Tier = .critical) -> FailureEpisode {
        FailureEpisode(service: "rtd-gateway", category: tier == .critical ? .endpointAuth : .transient, tier: tier,
                       subjectAttribute: biller == nil ? nil : "billerId", subject: biller,
                       start: ms(hour: start), end: ms(hour: end), records: 20)
    }

    let measure = AlertQualityMeasure(tuning: AlertTuning(), range: Self.range)

    @Test func aNewIncidentInTimeDetectsAndOneAlreadyOpenMasks() {
        let episodes = [Self.episode(10, 12), Self.episode(30, 31), Self.episode(50, 51), Self.episode(80, 81, tier: .warning)]
        let incidents = [
            Self.incident(10.1, 12.5),      // 6 minutes after the first: detected
            Self.incident(29, 40),          // opened before the second started and still open: masked
            Self.incident(50.5, 51.5),      // 30 minutes after the third: late for a critical one
        ]
        let quality = measure.measure(incidents, episodes: episodes, facets: [], graceSeconds: 600, stepSeconds: 300,
                                      timeLimitSeconds: 86_400)
        #expect(quality.outcomes.map(\.verdict) == [.detected, .masked, .late, .missed])
        #expect(quality.detected == 1 && quality.masked == 1 && quality.late == 1 && quality.missed == 1)
        #expect(quality.medianMinutesToDetect.map { abs($0 - 6) < 0.01 } == true)
        #expect(quality.pages == 3)
        // Red without a failure of its own: 12:10–12:30, 29:00–30:00, 31:10–40:00, 51:10–51:30
        // (each episode's grace is 10 minutes).
        #expect(abs(quality.redWithoutCauseMinutes - (20 + 60 + 530 + 20)) < 0.5, "\(quality.redWithoutCauseMinutes)")
    }

    @Test func aFacetValueOnlyAnswersItsOwnBiller() {
        let episodes = [Self.episode(10, 11, biller: "B009")]
        let other = measure.measure([Self.incident(10.1, 11, facet: "B005")], episodes: episodes, facets: ["billerId"],
                                    graceSeconds: 600, stepSeconds: 300, timeLimitSeconds: 86_400)
        #expect(other.outcomes.map(\.verdict) == [.missed])
        let own = measure.measure([Self.incident(10.1, 11, facet: "B009")], episodes: episodes, facets: ["billerId"],
                                  graceSeconds: 600, stepSeconds: 300, timeLimitSeconds: 86_400)
        #expect(own.outcomes.map(\.verdict) == [.detected])
    }

    @Test func aReopeningAfterTheTimeLimitIsNotAnotherIncidentOfTheEpisode() {
        let episode = Self.episode(10, 70)
        let incidents = [Self.incident(10.1, 34.1), Self.incident(34.15, 58.15), Self.incident(58.2, 70.1)]
        let quality = measure.measure(incidents, episodes: [episode], facets: [], graceSeconds: 600, stepSeconds: 300,
                                      timeLimitSeconds: 86_400)
        #expect(quality.outcomes.first?.incidents == 1)
        #expect(quality.pages == 3)
        #expect(quality.redWithoutCauseMinutes < 1)
    }

    /// A 5-minute count above 0 that opened `incidents`, measured against `episodes`.
    func countCandidate(_ incidents: [ReviewIncident], plainness: Int, episodes: [FailureEpisode],
                        tuner: ProposalTuner) -> ProposalTuner.Candidate {
        let quality = measure.measure(incidents, episodes: episodes, facets: [], graceSeconds: 600, stepSeconds: 300,
                                      timeLimitSeconds: 86_400)
        return ProposalTuner.Candidate(
            form: .count, query: NRQLQuery(aggregate: .count), windowSeconds: 300, slideBySeconds: nil,
            threshold: AlertThreshold(operator: .above, value: 0, durationSeconds: 300), incidents: incidents,
            quality: quality, notes: [], violations: tuner.violations(quality), plainness: [plainness])
    }

    /// The issue's rule: a condition that stays red never wins over one that detects the same
    /// episodes with incidents that close.
    @Test func theTunerNeverPrefersAConditionThatStaysRed() {
        let episodes = [Self.episode(10, 11)]
        let tuner = ProposalTuner(cube: SignalCube(slowThresholdMs: 2_000), tuning: AlertTuning(), nonActionable: [],
                                  range: Self.range)
        func candidate(_ incidents: [ReviewIncident], plainness: Int) -> ProposalTuner.Candidate {
            countCandidate(incidents, plainness: plainness, episodes: episodes, tuner: tuner)
        }
        // Both detect the episode; one incident closes with it, the other opens then and stays
        // open (an hour's grace short of a day, so even the time limit does not close it).
        let closes = candidate([Self.incident(10.1, 11.2), Self.incident(40, 40.5)], plainness: 1)
        for stays in [candidate([Self.incident(10.1, 33)], plainness: 0), candidate([Self.incident(10.1, 12)], plainness: 0)]
            where stays.quality.redMinutes > closes.quality.redMinutes {
            #expect(stays.quality.detected == closes.quality.detected)
            #expect(tuner.better(closes, stays))
            #expect(!tuner.better(stays, closes))
        }
        // Also when staying red is within the limit, and even against more incidents.
        let longer = candidate([Self.incident(10.1, 16)], plainness: 0)
        #expect(longer.violations.isEmpty && closes.violations.isEmpty)
        #expect(tuner.better(closes, longer) == (closes.quality.redWithoutCauseMinutes < longer.quality.redWithoutCauseMinutes))
        #expect(closes.quality.redWithoutCauseMinutes < longer.quality.redWithoutCauseMinutes)
    }

    /// Between two candidates that detect the same episodes, the one with margin under the
    /// target wins even with one more incident; but never one that stays red.
    @Test func theTunerPrefersDetectingWithMarginUnlessItStaysRed() {
        let episodes = [Self.episode(10, 11), Self.episode(30, 31)]
        let tuner = ProposalTuner(cube: SignalCube(slowThresholdMs: 2_000), tuning: AlertTuning(), nonActionable: [],
                                  range: Self.range)
        func candidate(_ incidents: [ReviewIncident], plainness: Int) -> ProposalTuner.Candidate {
            countCandidate(incidents, plainness: plainness, episodes: episodes, tuner: tuner)
        }
        // Both detect both episodes (the target is 15 minutes): one 14 minutes in, the other
        // 5 minutes in with an incident that closes and opens again within the first.
        let slow = candidate([Self.incident(10.23, 11.1), Self.incident(30.23, 31.1)], plainness: 0)
        let prompt = candidate([Self.incident(10.08, 10.5), Self.incident(10.6, 11.1), Self.incident(30.08, 31.1)],
                               plainness: 1)
        #expect(slow.quality.detected == 2 && prompt.quality.detected == 2)
        #expect(tuner.promptlyDetected(prompt.quality) == 2 && tuner.promptlyDetected(slow.quality) == 0)
        #expect(prompt.figures.incidents > slow.figures.incidents)
        #expect(tuner.better(prompt, slow) && !tuner.better(slow, prompt))
        // Prompt but red for hours after the second episode: the slower one that closes wins.
        let staysRed = candidate([Self.incident(10.08, 11.1), Self.incident(30.08, 36)], plainness: 1)
        #expect(staysRed.quality.redWithoutCauseMinutes > slow.quality.redWithoutCauseMinutes)
        #expect(tuner.better(slow, staysRed) && !tuner.better(staysRed, slow))
    }

    /// A trickle of timeouts goes on across quiet hours as one episode; an outage after it,
    /// far faster than the trickle, is an episode of its own, not more of the trickle.
    @Test func anOutageAfterATrickleIsANewEpisode() {
        var cube = SignalCube(slowThresholdMs: 2_000)
        func fail(at seconds: Int64) {
            cube.add(time: (Self.start + seconds) * 1000, service: "gw", serviceAttribute: "entity.name", billerId: nil,
                     sourceId: nil, errorClass: "java.net.SocketTimeoutException", category: .transient, severity: .error,
                     durationMs: nil)
        }
        for minute in stride(from: 0, to: 30, by: 5) { fail(at: 8 * 3_600 + Int64(minute) * 60) }      // 08:00, 6 failures
        for minute in stride(from: 40, to: 12 * 60, by: 40) { fail(at: 8 * 3_600 + Int64(minute) * 60) } // then one every 40 min
        for second in stride(from: 0, to: 45 * 60, by: 45) { fail(at: 22 * 3_600 + Int64(second)) }     // 22:00, 60 in 45 min
        let episodes = FailureEpisode.find(in: cube, policy: { _ in (true, .warning) }, tuning: AlertTuning(),
                                           subjects: SubjectAttributes(), chronic: [], range: Self.range)
        #expect(episodes.count == 2, "\(episodes)")
        #expect(episodes.first?.start == Self.ms(hour: 8))
        #expect(episodes.last?.start == Self.ms(hour: 22) && episodes.last?.records == 60, "\(episodes)")
    }

    @Test func noiseMinutesCountWhereTheIncidentStaysOpenAfterItsCause() {
        // Real failures for 30 minutes, then stale failures for two hours.
        var slots: [Int64: WindowJudgement] = [:]
        let open = Self.start + 36_000
        for step in 0..<30 {
            let start = open + Int64(step * 300)
            slots[start] = step < 6 ? WindowJudgement(byCategory: [.endpointAuth: 3]) : WindowJudgement(stale: 4)
        }
        let incident = BacktestIncident(opened: (open + 300) * 1000, closed: (open + 9_000) * 1000, openWindow: open,
                                        peak: 3, windows: 29, openAtEnd: false)
        let minutes = IncidentTime.minutes(of: incident, slots: slots, slotSeconds: 300, graceSeconds: 600, nonActionable: [])
        // Real from the opening to 10 minutes after the last real window (30 min + 10 min − 5).
        #expect(abs(minutes.real - 35) < 0.01, "\(minutes)")
        #expect(abs(minutes.noise - (145 - 35)) < 0.01, "\(minutes)")
        // Unclassified errors before any real one count as neither.
        var unknown = slots
        for step in 0..<6 { unknown[open + Int64(step * 300)] = WindowJudgement(byCategory: [.other: 5]) }
        let early = IncidentTime.minutes(of: incident, slots: unknown, slotSeconds: 300, graceSeconds: 600, nonActionable: [])
        #expect(early.real == 0)
        #expect(early.noise < 145)
    }

    @Test func timeSpansUniteIntersectAndSubtract() {
        let spans = TimeSpans([0..<10, 5..<20, 30..<40])
        #expect(spans.spans == [0..<20, 30..<40])
        #expect(spans.subtracting(TimeSpans([8..<32])).spans == [0..<8, 32..<40])
        #expect(spans.intersection(TimeSpans([15..<35])).spans == [15..<20, 30..<35])
        #expect(spans.milliseconds == 30)
    }
}

@Suite("Alerts: the alert-quality limits in triage.yml")
struct AlertQualityConfigurationTests {
    func tuning(_ yaml: String) throws -> AlertTuning {
        var configuration = try TriageConfiguration.defaults()
        try configuration.apply(yaml: yaml, path: "triage.yml")
        return configuration.alertTuning
    }

    @Test func limitsTargetsFacetsAndChronicSharesAreRead() throws {
        let tuning = try tuning("""
            alerts:
              detectionTargetMinutes: {critical: 10}
              maximumRedWithoutCauseHours: 6
              maximumRedShare: 0.4
              maximumIncidentsPerEpisode: 3
              maximumPagesPerTeam: 12
              facetBy: {endpoint_auth: sourceId}
              chronic: {minimumFailureShare: 0.5}
            """)
        #expect(tuning.detectionTargetSeconds(.critical) == 600 && tuning.detectionTargetSeconds(.warning) == 3_600)
        #expect(tuning.maximumRedWithoutCauseHours == 6 && tuning.maximumRedShare == 0.4)
        #expect(tuning.maximumIncidentsPerEpisode == 3 && tuning.maximumPagesPerTeam == 12)
        #expect(tuning.subjectAttributes == [.endpointAuth: ["sourceId"]])
        #expect(tuning.chronicMinimumFailureShare == 0.5 && tuning.chronicMinimumHourShare == 0.75)
    }

    @Test func theDefaultsAreDocumentedInDefaultsYml() throws {
        let text = try TriageConfiguration.defaultsText()
        for key in ["detectionTargetMinutes", "maximumRedWithoutCauseHours", "maximumRedShare", "maximumIncidentsPerEpisode",
                    "maximumPagesPerTeam", "facetBy", "chronic:", "minimumFailureShare", "minimumHourShare"] {
            #expect(text.contains(key), "\(key)")
        }
        let tuning = AlertTuning()
        #expect(tuning.detectionTargetSeconds(.critical) == 900 && tuning.detectionTargetSeconds(.warning) == 3_600)
    }

    @Test(arguments: [
        ("alerts:\n  detectionTargetMinutes: {urgent: 5}", "alerts.detectionTargetMinutes.urgent"),
        ("alerts:\n  maximumRedShare: 2", "alerts.maximumRedShare"),
        ("alerts:\n  maximumIncidentsPerEpisode: 0", "alerts.maximumIncidentsPerEpisode"),
        ("alerts:\n  facetBy: {endpoint_auth: hostname}", "alerts.facetBy.endpoint_auth"),
        ("alerts:\n  facetBy: {fatal: billerId}", "alerts.facetBy.fatal"),
        ("alerts:\n  chronic: {minimumFailureShare: 0}", "alerts.chronic.minimumFailureShare"),
        ("alerts:\n  chronic: {days: 3}", "alerts.chronic.days"),
    ])
    func invalidValuesNameTheKey(yaml: String, key: String) {
        var text: String?
        do { _ = try tuning(yaml) } catch { text = (error as? ConfigurationError)?.description }
        #expect(text?.contains(key) == true, "\(text ?? "no error")")
    }
}

@Suite("Alerts: last week's chronic.csv as the baseline")
struct BaselineChronicTests {
    @Test func aReportFolderWithChronicCsvListsLastWeeksChronicFailures() throws {
        let folder = NSTemporaryDirectory() + "logtriage-baseline-chronic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "cluster,count\nCa,3\n".write(toFile: folder + "/categories.csv", atomically: true, encoding: .utf8)
        try #"{"records": 10, "errorRecords": 3}"#.write(toFile: folder + "/summary.json", atomically: true, encoding: .utf8)
        #expect(try BaselineCounts.load(reportFolder: folder).chronicFailures == nil)
        try """
            service,biller_id,category,cluster,first_seen,last_seen,count,baseline_count,owner
            rtd-gateway,B004,endpoint_auth,Ca,2026-11-02T00:04:11Z,2026-11-08T21:39:13Z,1817,,client-services
            sync-consumer,,deserialization,Cb,2026-11-02T00:00:00Z,2026-11-08T23:00:00Z,12,,sync
            """.write(toFile: folder + "/chronic.csv", atomically: true, encoding: .utf8)
        let counts = try BaselineCounts.load(reportFolder: folder)
        #expect(counts.chronicFailures == [
            BaselineChronicFailure(service: "rtd-gateway", billerId: "B004", category: "endpoint_auth", count: 1817),
            BaselineChronicFailure(service: "sync-consumer", billerId: "", category: "deserialization", count: 12),
        ])
        try "service,biller_id,category\nx,y,z\n".write(toFile: folder + "/chronic.csv", atomically: true, encoding: .utf8)
        #expect(throws: BaselineError.self) { try BaselineCounts.load(reportFolder: folder) }
    }

    @Test func slidingProposalsWriteSlideByInBothFormats() {
        var row = TerraformDocumentTests.row("b", critical: AlertThreshold(operator: .above, value: 0, durationSeconds: 3_600,
                                                                             occurrences: .atLeastOnce),
                                             warning: nil, fillsZero: true)
        row.windowSeconds = 3_600
        row.slideBySeconds = 300
        row.chronicExclusions = ["B004"]
        let review = AlertReview(current: [], proposed: [row], episodes: [], coverageGaps: [])
        let terraform = TerraformDocument(review: review).rendered()
        #expect(terraform.contains("slide_by                     = 300"))
        #expect(terraform.contains("# Leaves out billers B004"))
        #expect(NerdGraphDocument(review: review).rendered().contains("\"slideBy\": 300"))
        var wrong = row
        wrong.slideBySeconds = 700
        #expect(ProposalLimits.problems(wrong).contains(.slideBy(seconds: 700, windowSeconds: 3_600)))
        #expect(ProposalLimits.problems(wrong).map(\.description).contains { $0.contains("slide_by") })
    }
}
