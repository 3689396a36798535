import Foundation
import Testing
import LogTriageSample

/// Generates a sample on demand: `LOGTRIAGE_SAMPLE_OUT=DIR [LOGTRIAGE_SAMPLE_SCALE=X]
/// [LOGTRIAGE_SAMPLE_SEED=N] swift test -c release --filter generateOnDemand` prints the
/// generation speed. Skipped unless `LOGTRIAGE_SAMPLE_OUT` is set.
@Suite struct SampleExportGenerationTool {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["LOGTRIAGE_SAMPLE_OUT"] != nil))
    func generateOnDemand() throws {
        let directory = Self.environment["LOGTRIAGE_SAMPLE_OUT"]!
        let scale = Double(Self.environment["LOGTRIAGE_SAMPLE_SCALE"] ?? "1") ?? 1
        let seed = UInt64(Self.environment["LOGTRIAGE_SAMPLE_SEED"] ?? "1") ?? 1
        let clock = ContinuousClock()
        var manifest: SampleExportManifest?
        let elapsed = try clock.measure {
            manifest = try SampleExportGenerator.write(to: directory, options: SampleExportOptions(seed: seed, scale: scale))
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let totals = manifest!.totals
        let megabytes = Double(totals.uncompressedBytes) / 1_000_000
        print("sample scale \(scale): \(totals.records) records, \(totals.uncompressedBytes) bytes uncompressed, "
            + "\(totals.bytes) bytes on disk, \(String(format: "%.2f", seconds)) s, "
            + "\(String(format: "%.1f", megabytes / seconds)) MB/s uncompressed")
    }
}
