/// A row of block characters (`▁▂▃▅▇`) for per-day counts: a trend that reads in a markdown
/// table and in plain text alike.
enum TextSparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per day; a day without records is `·`, the busiest day is `█`.
    static func text(days: [Int], counts: [Int: Int]) -> String {
        let peak = days.map { counts[$0] ?? 0 }.max() ?? 0
        return String(days.map { day -> Character in
            let count = counts[day] ?? 0
            guard count > 0, peak > 0 else { return "·" }
            let level = Int((Double(count) / Double(peak) * Double(levels.count - 1)).rounded(.up))
            return levels[min(levels.count - 1, max(0, level))]
        })
    }
}
