import LogTriageModel

/// The words of a review row's rationale, made from its notes (``ReviewNote``) when a report
/// asks for them: the review itself never builds or reads this text.
enum ReviewWording {
    /// The rationale of a row: each note's words, joined with `; `.
    static func rationale(_ notes: [ReviewNote]) -> String {
        notes.flatMap(words).joined(separator: "; ")
    }

    /// A note in words: none, one statement, or (a kept condition that moves) two.
    static func words(_ note: ReviewNote) -> [String] {
        switch note {
        case let .incidents(total, noise): ["\(total) incident\(total == 1 ? "" : "s"), \(noise) noise"]
        case let .unknownIncidents(count): ["\(count) unknown (mostly unclassified errors)"]
        case let .staleIncidents(count): ["\(count) opened on stale-invoice failures"]
        case let .incidentsWithoutError(count): ["\(count) opened in windows without any error"]
        case let .detection(quality, ofWhatItMatches):
            [detection(quality) + (ofWhatItMatches ? " of what it matches" : "")]
        case let .aliasMisses(records, carriers): [aliasMisses(records: records, carriers: carriers)]
        case let .unfacetedRecords(count): ["\(count) matching records lack the FACET attribute and are not counted"]
        case let .facetLimitExceeded(limit, dropped):
            ["more than \(limit) facet values: New Relic fails such a condition (\(dropped) records over the cap)"]
        case .noRoute: ["no route: nobody in particular is paged"]
        case .disabled: ["disabled in New Relic: it pages nobody today"]
        case let .notBacktested(refusal): ["not backtested: \(refusal)"]
        case let .covers(proposal): ["covers what '\(proposal)' would"]
        case let .decision(decision, findings): self.decision(decision, findings: findings)
        case let .proposalNotWritten(name, problems):
            ["proposal '\(name)' not written: New Relic would reject it ("
                + problems.map(\.description).joined(separator: ", ") + ")"]
        case .coverageGap: ["coverage gap: no current condition counted these failures"]
        case let .warningTierChange(route):
            ["the same query and threshold in the warning tier, routed to \(route ?? "the owning team"): what it caught is not a page"]
        case let .plan(tier, service, recent, team):
            ["\(tier.rawValue) tier for \(service) \(targets(recent)) recent failures, routed to \(team)"]
        case let .form(form, zeroWhenEmpty, otherForms): [self.form(form, zeroWhenEmpty: zeroWhenEmpty, otherForms: otherForms)]
        case let .tuning(text): [text]
        case let .gapFilling(zeroWhenEmpty):
            [zeroWhenEmpty
                ? "written with fill_option static 0 (a window with no failure reads 0 and counts toward closing; New Relic sends no data point for it otherwise) and no loss of signal (a quiet service is not an incident)"
                : "written with fill_option none (a window without calls has no ratio) and no loss of signal, so an incident of a service that stops calling stays open until calls return below the threshold"]
        case let .timeLimit(seconds):
            ["incidents force-close after \(seconds / 3_600) h (violation_time_limit_seconds), so a failure still going pages again"]
        case let .staleExclusion(failures):
            ["leaves out \(failures) stale-invoice failures with '\(SignalCube.staleAttribute) IS NULL': New Relic has no attribute that marks them, so the integration must set \(SignalCube.staleAttribute)=true on a failure of an invoice older than the account's newest (the backtest reads LogTriage's verdict in its place)"]
        case let .chronicExclusion(chronic):
            ["leaves out the chronic failures of \(chronicSubjects(chronic)) (chronic.csv): a ticket for their owner, not a page; remove the exclusion once they are fixed"]
        case let .unclassedFailures(count):
            ["\(count) targeted failures carry no error.class and are not counted: the service should log the exception class"]
        case let .red(quality): [red(quality)]
        case let .noCandidateKeepsLimits(violations):
            ["no candidate keeps every limit: \(violations.joined(separator: ", "))"]
        }
    }

    /// `validation 150, transient 70`: recent failures per category, in `Category` order.
    static func targets(_ recent: [Category: Int]) -> String {
        recent.sorted { $0.key.index < $1.key.index }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
    }

    /// `a failure count per billerId (each value its own signal, …)` and the other forms' account.
    static func form(_ form: ProposalPlan.Form, zeroWhenEmpty: Bool, otherForms: [String]) -> String {
        var text = ProposalTuner.describe(form)
        if case .countPer = form { text += " (each value its own signal, so one failing does not hide another)" }
        if zeroWhenEmpty { text += " (filter() reads 0 in quiet windows)" }
        if !otherForms.isEmpty { text += "; " + otherForms.joined(separator: "; ") }
        return text
    }

    /// `biller B005, pump-worker as a whole`: the chronic failures left out, sorted.
    static func chronicSubjects(_ chronic: [ChronicFailure]) -> String {
        let named = chronic.map { $0.billerId.map { "biller \($0)" } ?? "\($0.service) as a whole" }
        return Array(Set(named)).sorted().joined(separator: ", ")
    }

    /// `remove: 3 of 4 incidents were noise, and the failures it counts are covered by the
    /// proposals`; `split: …`; `keep, though …` and where it moves.
    static func decision(_ decision: ConditionDecision, findings: [ReviewFinding]) -> [String] {
        let reasons = findings.map(\.description).joined(separator: ", ")
        switch decision {
        case .remove:
            return ["remove: \(reasons), and the failures it counts are covered by the proposals"]
        case .moveToWarningTier, .replace:
            return ["\(decision.action.rawValue): \(reasons)"]
        case let .keep(moveTo):
            var words: [String] = []
            if !findings.isEmpty { words.append("keep, though \(reasons)") }
            if let moveTo { words.append("move it to \(moveTo)'s policy (alerts.tf moves it, it does not copy it)") }
            return words
        }
    }

    /// `New Relic would miss 4 records counted here, reading attributes as written: 2 carry
    /// 'level' only as 'log.level', 2 have 'level' in another case`.
    static func aliasMisses(records: Int, carriers: [AliasCarrier: Int]) -> String {
        let sorted = carriers.sorted {
            ($1.value, $0.key.attribute, $0.key.carriedAs) < ($0.value, $1.key.attribute, $1.key.carriedAs)
        }.map { carrier, count in
            carrier.carriedAs == carrier.attribute
                ? "\(count) have '\(carrier.attribute)' in another case"
                : "\(count) carry '\(carrier.attribute)' only as '\(carrier.carriedAs)'"
        }
        return "New Relic would miss \(records) record\(records == 1 ? "" : "s") counted here, reading attributes as written: \(sorted.joined(separator: ", "))"
    }

    /// `detects 3 of 4 failure episodes in time (median 5 min; 1 masked by an incident already
    /// open: …)`.
    static func detection(_ quality: AlertQuality) -> String {
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
    static func red(_ quality: AlertQuality) -> String {
        "red \(hours(quality.redMinutes)) h (\(NRQLValue.format((quality.redShare * 1000).rounded() / 10))% of the week), "
            + "\(hours(quality.redWithoutCauseMinutes)) h without a failure of its own; \(quality.pages) page\(quality.pages == 1 ? "" : "s")"
    }

    /// Minutes as hours with one decimal.
    static func hours(_ minutes: Double) -> String { NRQLValue.format((minutes / 6).rounded() / 10) }
}
