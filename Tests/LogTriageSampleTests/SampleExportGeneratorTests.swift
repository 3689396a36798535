import Foundation
import Testing
@testable import LogTriageSample
@testable import LogTriageAlerts
import LogTriageTestSupport

@Suite struct SampleExportGeneratorTests {
    static let expectedFiles: [(path: String, framing: String, compression: String)] = [
        ("logs/export/2026-11-09/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-10/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-10/logs-001.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-11/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-12/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-13/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-13/logs-001.json.gz", "jsonl", "none"),
        ("logs/export/2026-11-14/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/export/2026-11-15/logs-000.json.gz", "jsonl", "gzip"),
        ("logs/historical/autopay-runner-000.json.gz", "export", "gzip"),
        ("logs/logapi/billpay-web-000.json.gz", "logapi", "gzip"),
    ]

    static func allFiles(in directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)!
        return (enumerator.allObjects as! [String]).filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    @Test func sameSeedGivesSameBytesAndOtherSeedDiffers() throws {
        let first = SampleTestSupport.temporaryDirectory("determinism-a")
        let second = SampleTestSupport.temporaryDirectory("determinism-b")
        let other = SampleTestSupport.temporaryDirectory("determinism-c")
        let options = SampleExportOptions(seed: 42, scale: 0.15)
        let manifestA = try SampleExportGenerator.write(to: first, options: options)
        let manifestB = try SampleExportGenerator.write(to: second, options: options)
        _ = try SampleExportGenerator.write(to: other, options: SampleExportOptions(seed: 43, scale: 0.15))
        #expect(manifestA == manifestB)
        let files = Self.allFiles(in: first)
        #expect(files == Self.allFiles(in: second))
        #expect(files.contains("manifest.json"))
        for file in files {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))
            #expect(a == b, "\(file) differs between two runs with the same seed")
        }
        let monday = "logs/export/2026-11-09/logs-000.json.gz"
        #expect(try Data(contentsOf: URL(fileURLWithPath: first + "/" + monday))
            != Data(contentsOf: URL(fileURLWithPath: other + "/" + monday)))
    }

    @Test func fileSetFramingsAndCompression() throws {
        let sample = SampleTestSupport.scaleOne
        let files = sample.manifest.files
        #expect(files.map(\.relativePath) == Self.expectedFiles.map(\.path))
        #expect(files.map(\.framing) == Self.expectedFiles.map(\.framing))
        #expect(files.map(\.compression) == Self.expectedFiles.map(\.compression))
        #expect(Self.allFiles(in: sample.directory) == (Self.expectedFiles.map(\.path) + ["manifest.json"]).sorted())

        let wednesday = try SampleTestSupport.content(of: sample.directory + "/logs/export/2026-11-11/logs-000.json.gz")
        #expect(wednesday.members == 24 && wednesday.complete)
        #expect(files[3].gzipMembers == 24)
        let plain = try Data(contentsOf: URL(fileURLWithPath: sample.directory + "/logs/export/2026-11-13/logs-001.json.gz"))
        #expect(plain.first == UInt8(ascii: "{"))
        let sunday = try SampleTestSupport.content(of: sample.directory + "/logs/export/2026-11-15/logs-000.json.gz")
        #expect(!sunday.complete)
        #expect(files[8].truncated && files[8].records < files[8].recordsWritten)
        #expect(files.filter(\.truncated).count == 1)
        for file in files {
            let size = try FileManager.default.attributesOfItem(atPath: sample.directory + "/" + file.relativePath)[.size] as! Int
            #expect(size == file.bytes, "\(file.relativePath) size")
        }
    }

    @Test func manifestCountsMatchTheFiles() throws {
        let sample = SampleTestSupport.scaleOne
        var total = 0
        for file in sample.manifest.files {
            let content = try SampleTestSupport.content(of: sample.directory + "/" + file.relativePath)
            #expect(content.bytes.count == file.uncompressedBytes, "\(file.relativePath) uncompressed size")
            switch file.framing {
            case "jsonl":
                let lines = SampleTestSupport.completeLines(content.bytes)
                let blank = lines.filter(\.isEmpty).count
                var unparsable = 0
                var repaired = 0
                var timestamps: [Int64] = []
                for line in lines where !line.isEmpty {
                    if let object = SampleTestSupport.json(line) as? [String: Any] {
                        timestamps.append(SampleTestSupport.record(object, file: file.relativePath).timestamp)
                        continue
                    }
                    unparsable += 1
                    if SampleTestSupport.json(Array(String(decoding: line, as: UTF8.self).utf8)) is [String: Any] {
                        repaired += 1
                    }
                }
                #expect(blank == file.damage.blank, "\(file.relativePath) blank lines")
                #expect(repaired == file.damage.invalidUTF8Repaired, "\(file.relativePath) repaired lines")
                #expect(unparsable == file.damage.notJson + file.damage.invalidJson + file.damage.invalidUTF8Repaired,
                        "\(file.relativePath) damaged lines")
                #expect(lines.count - file.damage.unusableLines == file.records, "\(file.relativePath) records")
                #expect(timestamps == timestamps.sorted(), "\(file.relativePath) is in time order")
                #expect(timestamps.first == file.firstTimestampMs && timestamps.last == file.lastTimestampMs)
            case "export":
                let array = try #require(SampleTestSupport.json(content.bytes) as? [[String: Any]])
                #expect(array.count == file.records)
                #expect(array.allSatisfy { ($0["attributes"] as? [String: Any])?["eventType"] as? String == "Log" })
            default:
                let blocks = try #require(SampleTestSupport.json(content.bytes) as? [[String: Any]])
                let logs = blocks.map { ($0["logs"] as? [[String: Any]] ?? []).count }.reduce(0, +)
                #expect(logs == file.records)
                #expect(blocks.allSatisfy { ($0["common"] as? [String: Any])?["attributes"] is [String: Any] })
            }
            total += file.records
        }
        #expect(total == sample.manifest.totals.records)
        for file in sample.manifest.files where !file.truncated {
            let counts = Dictionary(grouping: sample.records.filter { $0.file == file.relativePath }, by: \.service).mapValues(\.count)
            #expect(counts == file.recordsWrittenByService, "\(file.relativePath) per-service counts")
        }
        #expect(sample.manifest.totals.recordsWrittenByService.values.reduce(0, +)
            == sample.manifest.files.map(\.recordsWritten).reduce(0, +))
        #expect(sample.records.count == total)
        let damage = sample.manifest.totals.damage
        #expect((10...80).contains(damage.unusableLines + damage.invalidUTF8Repaired))
        #expect(damage.blank > 0 && damage.notJson > 0 && damage.invalidJson > 0 && damage.invalidUTF8Repaired > 0)
    }

    @Test func manifestFileIsSortedPrettyJSON() throws {
        let sample = SampleTestSupport.scaleOne
        let data = try Data(contentsOf: URL(fileURLWithPath: sample.directory + "/manifest.json"))
        let decoded = try JSONDecoder().decode(SampleExportManifest.self, from: data)
        #expect(decoded == sample.manifest)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\n  \"episodes\" : ["))
    }

    @Test func scaleOneSizeAndVolume() {
        let totals = SampleTestSupport.scaleOne.manifest.totals
        #expect((38_000...60_000).contains(totals.records))
        #expect(totals.bytes < 4_000_000)
        let info = SampleTestSupport.scaleOne.records.filter { $0.level == "INFO" }.count
        let share = Double(info) / Double(totals.records)
        #expect(share > 0.8 && share < 0.92, "INFO share \(share)")
    }

    @Test func doublingTheScaleDoublesTheRecords() throws {
        let small = try SampleExportGenerator.write(to: SampleTestSupport.temporaryDirectory("scale-small"),
                                                    options: SampleExportOptions(seed: 5, scale: 0.2, includeDamage: false))
        let large = try SampleExportGenerator.write(to: SampleTestSupport.temporaryDirectory("scale-large"),
                                                    options: SampleExportOptions(seed: 5, scale: 0.4, includeDamage: false))
        let ratio = Double(large.totals.records) / Double(small.totals.records)
        #expect(ratio > 1.85 && ratio < 2.15, "ratio \(ratio)")
        #expect(small.totals.damage == SampleDamageCounts())
        #expect(small.files.map(\.relativePath) == large.files.map(\.relativePath))
    }

    /// With the team's conditions, the export also holds New Relic's incidents on the week:
    /// the same seed gives the same file, and every event reads as `NrAiIncident`.
    @Test func incidentEventsForTheConditionsAreDeterministic() throws {
        let conditions = try AlertConditionsFile.load(path: SampleTestSupport.sampleConfiguration
            .replacingOccurrences(of: "triage.yml", with: "alerts.yml"))
        let options = SampleExportOptions(seed: 9, scale: 0.2, alertConditions: conditions)
        let first = SampleTestSupport.temporaryDirectory("incidents-a")
        let second = SampleTestSupport.temporaryDirectory("incidents-b")
        let manifest = try SampleExportGenerator.write(to: first, options: options)
        _ = try SampleExportGenerator.write(to: second, options: options)
        let path = "logs/incidents/nrai-incident-000.json.gz"
        let file = try #require(manifest.files.first { $0.relativePath == path })
        #expect(try Data(contentsOf: URL(fileURLWithPath: first + "/" + path))
            == Data(contentsOf: URL(fileURLWithPath: second + "/" + path)))
        let lines = SampleTestSupport.completeLines(try SampleTestSupport.content(of: first + "/" + path).bytes)
        #expect(lines.count == file.incidentEvents && file.incidentEvents == manifest.totals.incidentEvents)
        #expect(file.records == 0 && lines.count > 0)
        let events = lines.compactMap { SampleTestSupport.json($0) as? [String: Any] }
        #expect(events.count == lines.count)
        #expect(events.allSatisfy { $0["eventType"] as? String == "NrAiIncident" })
        let names = Set(events.compactMap { $0["conditionName"] as? String })
        #expect(names.isSubset(of: Set(conditions.map(\.name))))
        // Every close follows its open.
        var opened: Set<Int> = []
        for event in events {
            let id = try #require(event["incidentId"] as? Int)
            if event["event"] as? String == "open" { opened.insert(id) } else { #expect(opened.contains(id)) }
        }
    }

    @Test func rejectsNonPositiveScale() {
        #expect(throws: SampleExportError.invalidScale(0)) {
            try SampleExportGenerator.write(to: SampleTestSupport.temporaryDirectory("bad"), options: SampleExportOptions(scale: 0))
        }
    }
}
