import LogTriageBasics

/// Colours of categories, fixed per name so a category keeps its colour from chart to chart and
/// week to week, whatever else appears beside it.
enum ChartPalette {
    /// The known categories, keyed by name without case, `_` or `-`, so `endpoint_auth` (the raw
    /// value) and `endpointAuth` (the case name) agree. Tableau 10 hues: distinct for most
    /// colour-blind readers and printable.
    private static let known: [String: String] = [
        "transient": "#4e79a7",
        "endpointauth": "#e15759",
        "endpointmoved": "#f28e2b",
        "deserialization": "#b07aa1",
        "validation": "#edc948",
        "ratelimited": "#76b7b2",
        "resource": "#9c755f",
        "slow": "#59a14f",
        "other": "#bab0ac",
    ]
    /// For names outside the table, picked by a stable hash of the name.
    private static let fallback = ["#ff9da7", "#86bcb6", "#d4a6c8", "#8cd17d", "#a0cbe8", "#ffbe7d", "#79706e", "#d37295"]

    static func colour(forCategory name: String) -> String {
        let key = String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
        if let colour = known[key] { return colour }
        let hash = UInt64(StableID.make("", name), radix: 16) ?? 0
        return fallback[Int(hash % UInt64(fallback.count))]
    }

    static let axis = "#555555"
    static let grid = "#e4e4e4"
    static let text = "#222222"
    static let series = "#1f5fa8"
    static let threshold = "#c62828"
    static let warning = "#ef8f00"
    static let incident = "#e53935"
    static let noiseIncident = "#9e9e9e"
}
