/// What service generators write into while the week is generated: the pending records of
/// the current time step and the per-episode record tally.
struct SampleGenerationContext {
    var pending: [SampleRecord] = []
    var episodeRecords = [Int](repeating: 0, count: SampleEpisodeKind.allCases.count)
    private var nextSequence = 0

    /// Queues `record` (dropped when it falls after the week), counting it for `episode`.
    mutating func emit(_ record: SampleRecord, episode: SampleEpisodeKind? = nil) {
        guard record.timestamp < SampleTime.weekEnd else { return }
        var record = record
        record.sequence = nextSequence
        record.episode = episode
        nextSequence += 1
        pending.append(record)
        if let episode { episodeRecords[episode.rawValue] += 1 }
    }
}
