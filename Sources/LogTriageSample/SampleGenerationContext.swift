/// What service generators write into while the week is generated: the pending records of
/// the current time step and the per-episode record tally.
struct SampleGenerationContext {
    var pending: [SampleRecord] = []
    private(set) var episodeRecords = [Int](repeating: 0, count: SampleEpisodeKind.allCases.count)
    /// Per episode, the time of its first record (`Int64.max` while it has none).
    private(set) var episodeFirstRecords = [Int64](repeating: .max, count: SampleEpisodeKind.allCases.count)
    private var nextSequence = 0

    /// Queues `record` (dropped when it falls after the week), counting it for `episode`.
    mutating func emit(_ record: SampleRecord, episode: SampleEpisodeKind? = nil) {
        guard record.timestamp < SampleTime.weekEnd else { return }
        var record = record
        record.sequence = nextSequence
        record.episode = episode
        nextSequence += 1
        pending.append(record)
        if let episode { count(episode, at: record.timestamp) }
    }

    /// Counts one record of `episode` stamped `time`.
    mutating func count(_ episode: SampleEpisodeKind, at time: Int64) {
        episodeRecords[episode.rawValue] += 1
        episodeFirstRecords[episode.rawValue] = min(episodeFirstRecords[episode.rawValue], time)
    }
}
