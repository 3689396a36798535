/// How an incident's open time divides into real failure and noise, judged over every window
/// it stays open, not only the one that opened it.
///
/// A window whose counted records are mostly recent actionable failures is real, and so is
/// the time the condition needs after it to let go (its window and its threshold duration:
/// the `grace`). Time after the last real window's grace is noise: the incident stays open on
/// stale or unclassified failures, or on nothing, after its real cause has gone. Time before
/// the first real window is noise too, except where mostly unclassified errors keep it open:
/// those may be an outage the rules do not know, so they count as neither.
enum IncidentTime {
    /// Fills each incident's real and noise minutes, judging a facet value's slots once for
    /// all its incidents (`slots` gives them): a noisy condition opens thousands of incidents
    /// on a week of windows.
    static func fillMinutes(of incidents: inout [ReviewIncident], slotSeconds: Int, graceSeconds: Int,
                            nonActionable: Set<String>, slots: (String) -> [Int64: WindowJudgement]) {
        for (facet, positions) in Dictionary(grouping: incidents.indices, by: { incidents[$0].facet }) {
            let judged = slots(facet)
            for position in positions {
                let minutes = Self.minutes(of: incidents[position].incident, slots: judged, slotSeconds: slotSeconds,
                                           graceSeconds: graceSeconds, nonActionable: nonActionable)
                incidents[position].realMinutes = minutes.real
                incidents[position].noiseMinutes = minutes.noise
            }
        }
    }

    static func minutes(of incident: BacktestIncident, slots: [Int64: WindowJudgement], slotSeconds: Int,
                        graceSeconds: Int, nonActionable: Set<String>) -> (real: Double, noise: Double) {
        guard !incident.lossOfSignal, incident.closed > incident.opened else { return (0, 0) }
        let slot = Int64(max(1, slotSeconds)), grace = Int64(max(0, graceSeconds))
        let open = incident.opened, close = incident.closed
        var real: [Range<Int64>] = [], unknown: [Range<Int64>] = []
        var start = WindowSeries.windowStart(ofMilliseconds: open, windowSeconds: Int(slot)) - slot - grace
        start = WindowSeries.windowStart(ofSecond: start, windowSeconds: Int(slot))
        let last = close / 1000
        while start <= last {
            if let judgement = slots[start], judgement.records > 0 {
                let span = (start * 1000)..<((start + slot + grace) * 1000)
                if judgement.isUnknown {
                    unknown.append(span)
                } else if !judgement.isNoise(nonActionable: nonActionable) {
                    real.append(span)
                }
            }
            start += slot
        }
        let bounds = open..<close
        let realSpans = TimeSpans(real).clipped(to: bounds)
        let firstReal = realSpans.spans.first?.lowerBound ?? close
        let unknownBefore = TimeSpans(unknown).clipped(to: open..<max(open, firstReal))
        let total = Double(close - open) / 60_000
        return (realSpans.minutes, max(0, total - realSpans.minutes - unknownBefore.minutes))
    }
}
