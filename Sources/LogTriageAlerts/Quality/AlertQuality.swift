import LogTriageModel

/// The alert-quality figures of one condition over the week, the way New Relic's alert
/// quality guidance reads them: which failure episodes it detected with a new incident in
/// time and which it masked, how fast, how many incidents per episode, how long it was red
/// with no failure of its own, and how many pages it sent.
public struct AlertQuality: Sendable, Equatable {
    /// One outcome per episode in the condition's scope that started during the week.
    public var outcomes: [EpisodeOutcome] = []
    /// Minutes any incident of the condition was open (overlaps counted once).
    public var redMinutes = 0.0
    /// Of those, minutes with no failure episode of its own going on, nor any other recent
    /// actionable failure it counts (nor the time the condition needs to close after either).
    public var redWithoutCauseMinutes = 0.0
    /// Critical incidents: each pages someone.
    public var pages = 0
    /// The analysed range in weeks, to state figures per week.
    public var weeks = 1.0
    /// Minutes of open incidents judged real or noise window by window (``IncidentTime``).
    public var realMinutes = 0.0
    public var noiseMinutes = 0.0

    public init() {}

    public var episodes: Int { outcomes.count }
    public var detected: Int { count(.detected) }
    public var masked: Int { count(.masked) }
    public var late: Int { count(.late) }
    public var missed: Int { count(.missed) }

    private func count(_ verdict: EpisodeOutcome.Verdict) -> Int { outcomes.filter { $0.verdict == verdict }.count }

    /// The median minutes from an episode's start to the incident that detected it.
    public var medianMinutesToDetect: Double? {
        let minutes = outcomes.filter { $0.verdict == .detected }.compactMap(\.minutesToDetect).sorted()
        guard !minutes.isEmpty else { return nil }
        return minutes.count % 2 == 1 ? minutes[minutes.count / 2]
            : (minutes[minutes.count / 2 - 1] + minutes[minutes.count / 2]) / 2
    }

    /// New incidents per episode that had any, and per day of an episode that lasts days (a
    /// failure still going the next day may page again): 1 is one page per failure.
    public var incidentsPerEpisode: Double? {
        let paged = outcomes.filter { $0.incidents > 0 }
        guard !paged.isEmpty else { return nil }
        return paged.reduce(0.0) { total, outcome in
            let days = max(1, ((outcome.episode.end - outcome.episode.start) + 86_399_999) / 86_400_000)
            return total + Double(outcome.incidents) / Double(days)
        } / Double(paged.count)
    }

    public var pagesPerWeek: Double { Double(pages) / max(weeks, 1.0 / 168) }
    public var redWithoutCauseHoursPerWeek: Double { redWithoutCauseMinutes / 60 / max(weeks, 1.0 / 168) }
    /// Share of the analysed range the condition was red.
    public var redShare: Double { redMinutes / max(1, weeks * 10_080) }
}

/// Measures ``AlertQuality`` for one condition's incidents against the episodes it should catch.
struct AlertQualityMeasure {
    let tuning: AlertTuning
    /// The analysed range in epoch seconds.
    let range: ClosedRange<Int64>

    /// The figures of `incidents` against `episodes` (those of the condition's scope, chronic
    /// failures already left out).
    ///
    /// A helper for the failing spans: ``failingSpans(_:slotSeconds:graceSeconds:isReal:)``.
    ///
    /// - Parameters:
    ///   - facets: the query's FACET attributes: an incident of one facet value only answers an
    ///     episode of that biller (or exception class).
    ///   - graceSeconds: how long the condition may stay red after an episode ends (its window
    ///     and threshold duration): that time still has a cause.
    ///   - stepSeconds: the condition's evaluation step, to tell a reopening after the time
    ///     limit from a new incident.
    ///   - timeLimitSeconds: `violation_time_limit_seconds`.
    ///   - failing: the spans of its own recent actionable failures (windows whose counted
    ///     records are real failures), each with the grace after it: red then has a cause even
    ///     where the failures are too sparse or too usual to be an episode.
    func measure(_ incidents: [ReviewIncident], episodes: [FailureEpisode], facets: [String], graceSeconds: Int,
                 stepSeconds: Int, timeLimitSeconds: Int, failing: TimeSpans = TimeSpans()) -> AlertQuality {
        var quality = AlertQuality()
        let rangeStart = range.lowerBound * 1000, rangeEnd = (range.upperBound + 1) * 1000
        quality.weeks = Double(rangeEnd - rangeStart) / 604_800_000
        let grace = Int64(max(0, graceSeconds)) * 1000
        let repeats = Self.repeats(incidents, stepSeconds: stepSeconds, timeLimitSeconds: timeLimitSeconds)
        for episode in episodes where !episode.startsWithExport {
            let target = Int64(tuning.detectionTargetSeconds(episode.tier)) * 1000
            let mine = incidents.enumerated().filter { !$0.element.incident.lossOfSignal && Self.answers($0.element, episode, facets: facets) }
            let new = mine.filter { $0.element.incident.opened >= episode.start && $0.element.incident.opened <= episode.end + grace }
            let count = new.filter { !repeats.contains($0.offset) }.count
            if let first = new.first(where: { $0.element.incident.opened <= episode.start + target }) {
                quality.outcomes.append(EpisodeOutcome(episode: episode, verdict: .detected,
                                                       minutesToDetect: Self.minutes(first.element.incident.opened - episode.start),
                                                       incidents: count))
            } else if mine.contains(where: { $0.element.incident.opened < episode.start && $0.element.incident.closed > episode.start }) {
                quality.outcomes.append(EpisodeOutcome(episode: episode, verdict: .masked, minutesToDetect: nil, incidents: count))
            } else if let first = new.first {
                quality.outcomes.append(EpisodeOutcome(episode: episode, verdict: .late,
                                                       minutesToDetect: Self.minutes(first.element.incident.opened - episode.start),
                                                       incidents: count))
            } else {
                quality.outcomes.append(EpisodeOutcome(episode: episode, verdict: .missed, minutesToDetect: nil, incidents: 0))
            }
        }
        let red = TimeSpans(incidents.map { $0.incident.opened..<max($0.incident.opened, $0.incident.closed) })
            .clipped(to: rangeStart..<rangeEnd)
        let causes = TimeSpans(episodes.map { $0.start..<($0.end + grace) } + failing.spans)
        quality.redMinutes = red.minutes
        quality.redWithoutCauseMinutes = red.subtracting(causes).minutes
        quality.pages = incidents.filter { $0.tier == .critical && !$0.incident.lossOfSignal }.count
        quality.realMinutes = incidents.reduce(0) { $0 + $1.realMinutes }
        quality.noiseMinutes = incidents.reduce(0) { $0 + $1.noiseMinutes }
        return quality
    }

    static func minutes(_ milliseconds: Int64) -> Double { Double(milliseconds) / 60_000 }

    /// The spans of slots (by start, epoch s) whose judgement shows real failures, each
    /// followed by `graceSeconds`.
    static func failingSpans(_ slots: some Sequence<(Int64, WindowJudgement)>, slotSeconds: Int, graceSeconds: Int,
                             isReal: (WindowJudgement) -> Bool) -> TimeSpans {
        TimeSpans(slots.filter { isReal($0.1) }.map { start, _ in
            (start * 1000)..<((start + Int64(slotSeconds) + Int64(graceSeconds)) * 1000)
        })
    }

    /// Whether an incident can be the condition's answer to an episode: with one FACET
    /// attribute naming what the episode belongs to (its biller, or one of its exception
    /// classes), only that facet value's incidents can.
    static func answers(_ incident: ReviewIncident, _ episode: FailureEpisode, facets: [String]) -> Bool {
        guard facets.count == 1 else { return true }
        if facets[0] == episode.subjectAttribute, let subject = episode.subject { return incident.facet == subject }
        if facets[0] == "error.class", !episode.errorClasses.isEmpty { return episode.errorClasses.contains(incident.facet) }
        return true
    }

    /// Positions of incidents that reopen a failure still going right after the time limit
    /// force-closed the previous incident of the same facet and priority.
    static func repeats(_ incidents: [ReviewIncident], stepSeconds: Int, timeLimitSeconds: Int) -> Set<Int> {
        guard timeLimitSeconds > 0 else { return [] }
        var lastClose: [String: (closed: Int64, forced: Bool)] = [:]
        var found: Set<Int> = []
        let order = incidents.indices.sorted { incidents[$0].incident.opened < incidents[$1].incident.opened }
        for index in order {
            let incident = incidents[index]
            let key = incident.facet + "\u{1F}" + incident.tier.rawValue
            if let previous = lastClose[key], previous.forced,
               incident.incident.opened - previous.closed <= Int64(2 * max(1, stepSeconds)) * 1000 {
                found.insert(index)
            }
            let forced = incident.incident.closed - incident.incident.opened >= Int64(timeLimitSeconds) * 1000
            lastClose[key] = (incident.incident.closed, forced)
        }
        return found
    }
}
