/// What a sample export contains: its files (framing, compression, record and damage
/// counts), totals, and the planted episodes with their exact windows.
///
/// Written next to the files as `manifest.json` (sorted keys), so tests of later features
/// can assert against it instead of re-deriving the sample.
public struct SampleExportManifest: Sendable, Codable, Equatable {
    /// Version of this manifest's layout.
    public var formatVersion: Int
    public var seed: UInt64
    public var scale: Double
    public var includeDamage: Bool
    public var weekStartMs: Int64
    /// Exclusive end of the week (Monday 2026-11-16T00:00:00Z).
    public var weekEndMs: Int64
    /// Files sorted by `relativePath`.
    public var files: [SampleFile]
    public var totals: SampleExportTotals
    /// Episodes in a fixed order.
    public var episodes: [SampleEpisode]
}
