import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageSample
@testable import LogTriage
@testable import LogTriageModel
@testable import LogTriageAnalysis
@testable import LogTriageReports

/// The week before the sample week: the same services and background failures, a week
/// earlier, and none of the sample week's incidents, so the sample week's report can show
/// them as new.
@Suite("Sample: the previous week")
struct PreviousWeekSampleTests {
    @Test func itIsAWeekEarlierAndHasNoneOfTheIncidents() throws {
        let directory = NSTemporaryDirectory() + "logtriage-previous-week-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try SampleExportGenerator.write(
            to: directory, options: .init(seed: 2, scale: 0.3, previousWeek: true))
        #expect(manifest.weekStartMs == SampleTime.weekStart - 7 * SampleTime.day)
        #expect(manifest.weekEndMs == SampleTime.weekStart)
        #expect(!manifest.episodes.contains { $0.id == "sync-v2-deserialization" || $0.id == "b017-outage" })
        #expect(manifest.episodes.contains { $0.id == "pump-stale-invoices" })
        #expect(manifest.files.contains { $0.relativePath == "logs/export/2026-11-02/logs-000.json.gz" })
        #expect(!manifest.files.contains { $0.relativePath.contains("2026-11-09") })
        for file in manifest.files {
            if let first = file.firstTimestampMs { #expect(first >= manifest.weekStartMs, "\(file.relativePath)") }
            if let last = file.lastTimestampMs { #expect(last < manifest.weekEndMs, "\(file.relativePath)") }
        }

        let result = try Analysis(configuration: .defaults()).run(InputPlan(arguments: [directory + "/logs"]))
        #expect(result.ingest.records == manifest.totals.records)
        let categories = Set(result.clustering.clusters.map(\.classification.category))
        #expect(!categories.contains(.deserialization) && !categories.contains(.endpointAuth))
        #expect(categories.contains(.validation) && result.staleInvoices.staleFailures > 0)
        #expect(try #require(result.ingest.lastTimestamp) < SampleTime.weekStart)
    }
}
