import LogTriageBasics
import LogTriageModel

/// A burst of recent, actionable failures of one kind in one service: what an alert should
/// have caught. Found in the week's own data, so a proposal's backtest can say which it
/// catches and which it misses.
public struct FailureEpisode: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    public var category: Category
    /// Epoch ms: the start of the first window and the end of the last.
    public var start: Int64
    public var end: Int64
    public var records: Int

    /// `sync-consumer deserialization 2026-11-12 16:00–2026-11-15 23:55 (552)`.
    public var description: String {
        "\(service) \(category.rawValue) \(ISO8601Time.minute(milliseconds: start))–\(ISO8601Time.minute(milliseconds: end)) (\(records))"
    }

    /// Whether an incident open during any part of the episode caught it.
    public func isCaught(by incidents: [BacktestIncident]) -> Bool {
        incidents.contains { $0.opened <= end && $0.closed >= start }
    }

    /// Episodes in `cube`: runs of base windows holding recent failures of one service and
    /// actionable category, windows at most `gapWindows` apart, with at least `minimumRecords`.
    static func find(in cube: SignalCube, actionable: (Category) -> Bool, gapWindows: Int = 2,
                     minimumRecords: Int = 5) -> [FailureEpisode] {
        var perKind: [String: [Int64: Int]] = [:]
        var kinds: [String: (String, Category)] = [:]
        for cell in cube.cells where cell.count > 0 && !cube.isStale(cell) {
            guard let category = cube.category(of: cell), actionable(category) else { continue }
            let service = cube.service(of: cell)
            let key = service + "\u{1F}" + category.rawValue
            kinds[key] = (service, category)
            perKind[key, default: [:]][cell.key.windowStart, default: 0] += cell.count
        }
        let step = Int64(cube.baseWindowSeconds)
        var episodes: [FailureEpisode] = []
        for key in perKind.keys.sorted() {
            let (service, category) = kinds[key]!
            var current: FailureEpisode?
            for (start, count) in perKind[key]!.sorted(by: { $0.key < $1.key }) {
                if var open = current, start * 1000 <= open.end + Int64(gapWindows) * step * 1000 {
                    open.end = (start + step) * 1000
                    open.records += count
                    current = open
                } else {
                    if let done = current, done.records >= minimumRecords { episodes.append(done) }
                    current = FailureEpisode(service: service, category: category, start: start * 1000,
                                             end: (start + step) * 1000, records: count)
                }
            }
            if let done = current, done.records >= minimumRecords { episodes.append(done) }
        }
        return episodes.sorted { ($0.start, $0.service, $0.category.rawValue) < ($1.start, $1.service, $1.category.rawValue) }
    }
}
