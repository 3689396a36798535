import Foundation
import Testing
@testable import LogTriageIngest
@testable import LogTriageSample
@testable import LogTriage
@testable import LogTriageAnalysis
@testable import LogTriageReports
@testable import LogTriageAlerts

/// The reader against the generator: every file of a generated week (gzip, multi-member,
/// plain named `.gz`, truncated, historical export, Log API payloads, with known damage, and
/// New Relic's `NrAiIncident` events for the sample's conditions) is read back with exactly
/// the records, incident events and damage the generator's manifest states.
@Suite("Pipeline: the sample export reads back exactly")
struct SampleExportIngestTests {
    @Test func analyzeCountsMatchTheManifest() throws {
        let directory = NSTemporaryDirectory() + "logtriage-sample-ingest-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let conditions = try AlertConditionsFile.parse(yaml: AlertReviewTests.conditionsYAML, path: "alerts.yml")
        let manifest = try SampleExportGenerator.write(to: directory, options: .init(seed: 3, scale: 0.2,
                                                                                      alertConditions: conditions))
        #expect((manifest.totals.incidentEvents ?? 0) > 0)
        let analysis = Analysis(configuration: try .defaults())
        let summary = try analysis.run(InputPlan(arguments: [directory + "/logs"])).ingest

        #expect(summary.files.map(\.path) == manifest.files.map { directory + "/" + $0.relativePath }.sorted())
        for expected in manifest.files {
            let file = try #require(summary.files.first { $0.path == directory + "/" + expected.relativePath })
            #expect(file.records == expected.records, "\(expected.relativePath)")
            #expect(file.incidentEvents == expected.incidentEvents ?? 0, "\(expected.relativePath)")
            #expect(file.framing == expected.framing, "\(expected.relativePath)")
            #expect(file.compression?.rawValue == expected.compression, "\(expected.relativePath)")
            #expect(file.truncated == expected.truncated, "\(expected.relativePath)")
            #expect(file.skipped[.blank] == expected.damage.blank, "\(expected.relativePath)")
            #expect(file.skipped[.notJson] == expected.damage.notJson, "\(expected.relativePath)")
            #expect(file.repairedRecords == expected.damage.invalidUTF8Repaired, "\(expected.relativePath)")
            // A cut gzip file ends inside its last line, which is counted as invalid JSON too.
            let cutLine = expected.truncated && expected.recordsWritten > expected.records ? 1 : 0
            #expect(file.skipped[.invalidJson] == expected.damage.invalidJson + cutLine, "\(expected.relativePath)")
        }
        #expect(summary.records == manifest.totals.records)
        #expect(summary.incidentEvents == manifest.totals.incidentEvents)
        #expect(summary.untimedRecords == 0)
    }
}
