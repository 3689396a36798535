import Foundation
import Testing
import LogTriageBasics
@testable import LogTriageBasics
@testable import LogTriageIngest
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriageReports
@testable import LogTriageSample
@testable import LogTriage
import LogTriageTestSupport

/// `analyze --partial` and `merge`: any split of the input files into partials, merged in any
/// order, writes the report folder one analyze over all the files writes, byte for byte; and
/// partials that do not fit together, or are damaged, are refused with the reason.
@Suite("Partials: split, merge, the same report")
struct PartialMergeTests {
    static let sampleConfiguration = AlertReviewTests.sampleConfiguration

    /// The report folder of one run over `files`, with the alert review when `conditions` are given.
    static func singleRun(_ files: [String], configuration: TriageConfiguration, conditions: [AlertCondition]? = nil,
                          into directory: String) throws -> [String: [UInt8]] {
        let analysis = Analysis(configuration: configuration, alertConditions: conditions, jobs: 2)
        try analysis.writeReports(try analysis.run(InputPlan(arguments: files)), to: directory)
        return try DeterminismTests.files(in: directory)
    }

    /// Writes one partial per group of files (each group read as `analyze GROUP... --partial`).
    static func partials(_ groups: [[String]], configuration: TriageConfiguration, configurationText: String?,
                         conditions: [AlertCondition]? = nil, keepAssignments: Bool = false,
                         in fixtures: InputFixtures, name: String) throws -> [String] {
        try groups.enumerated().map { index, group in
            let path = fixtures.path("\(name)-\(index).partial")
            _ = try Analysis(configuration: configuration, alertConditions: conditions, jobs: 2)
                .writePartial(InputPlan(arguments: group), to: path, configurationText: configurationText,
                              keepAssignments: keepAssignments)
            return path
        }
    }

    /// The report folder `merge` writes from `paths`.
    static func merged(_ paths: [String], into directory: String) throws -> [String: [UInt8]] {
        let merge = try PartialMerge(paths: paths)
        let analysis = Analysis(configuration: merge.configuration, alertConditions: merge.conditions)
        try analysis.writeReports(try merge.result(with: analysis), to: directory)
        return try DeterminismTests.files(in: directory)
    }

    /// The gzip files of a generated week with damage and chronic failures, under `fixtures`.
    static func generatedWeek(seed: UInt64, scale: Double, in fixtures: InputFixtures) throws -> [String] {
        _ = try SampleExportGenerator.write(to: fixtures.path("week"),
                                            options: .init(seed: seed, scale: scale, includeDamage: true, chronicFailures: true))
        return JobsDeterminismTests.gzipFiles(under: fixtures.path("week/logs"))
    }

    static func shards(_ files: [String], count: Int) -> [[String]] {
        (0..<count).map { index in files.enumerated().filter { $0.offset % count == index }.map(\.element) }
    }

    /// The export's day folders one partial each (as a daily job would), the rest one more.
    static func days(_ files: [String]) -> [[String]] {
        var groups: [String: [String]] = [:]
        for file in files {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent().lastPathComponent
            groups[folder.hasPrefix("20") ? folder : "rest", default: []].append(file)
        }
        return groups.keys.sorted().map { groups[$0]! }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DeterminismTests.sample)))
    func everySplitOfTheSampleMergesToTheSingleRunsReport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let text = try String(contentsOfFile: Self.sampleConfiguration, encoding: .utf8)
        let configuration = try TriageConfiguration.load(path: Self.sampleConfiguration)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let files = JobsDeterminismTests.gzipFiles(under: DeterminismTests.sample)
        #expect(files.count >= 7)
        let single = try Self.singleRun(files, configuration: configuration, conditions: conditions, into: fixtures.path("single"))
        #expect(single.keys.contains("alerts.csv") && single.keys.contains("incidents-compared.csv"))
        let splits: [(String, [[String]])] = [
            ("shards-2", Self.shards(files, count: 2)), ("shards-7", Self.shards(files, count: 7)),
            ("days", Self.days(files)), ("files", files.map { [$0] }),
        ]
        for (name, groups) in splits {
            let paths = try Self.partials(groups, configuration: configuration, configurationText: text, conditions: conditions,
                                          in: fixtures, name: name)
            #expect(try Self.merged(paths, into: fixtures.path("merged-" + name)) == single, "\(name)")
        }
        // In another order, the same folder; and without the alert review, the same as a run without.
        let paths = try Self.partials(Self.shards(files, count: 3), configuration: configuration, configurationText: text,
                                      in: fixtures, name: "plain")
        let plain = try Self.singleRun(files, configuration: configuration, into: fixtures.path("single-plain"))
        #expect(!plain.keys.contains("alerts.csv") && plain.keys.contains("categories.csv"))
        #expect(try Self.merged(paths.reversed(), into: fixtures.path("merged-plain")) == plain)
    }

    /// A week the code was not tuned on: another seed, chronic billers, split by day.
    @Test func aGeneratedWeekMergesByDayAndByShard() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try Self.generatedWeek(seed: 31, scale: 0.5, in: fixtures)
        let configuration = try TriageConfiguration.defaults()
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let single = try Self.singleRun(files, configuration: configuration, conditions: conditions, into: fixtures.path("single"))
        for (name, groups) in [("days", Self.days(files)), ("shards-3", Self.shards(files, count: 3))] {
            let paths = try Self.partials(groups, configuration: configuration, configurationText: nil, conditions: conditions,
                                          in: fixtures, name: name)
            #expect(try Self.merged(paths, into: fixtures.path("merged-" + name)) == single, "\(name)")
        }
    }

    /// `merge --assignments` writes the assignments file one `analyze --assignments` writes:
    /// the parts' rows interleaved back into file order, clusters renumbered, and the stale
    /// column from the verdicts over every part's invoice loops.
    @Test func theAssignmentsFileMergesAsOneRunWritesIt() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try Self.generatedWeek(seed: 43, scale: 0.3, in: fixtures)
        let configuration = try TriageConfiguration.defaults()
        let analysis = Analysis(configuration: configuration, jobs: 2)
        let single = fixtures.path("single.csv")
        let spool = try AssignmentSpool(nextTo: single)
        try analysis.writeReports(try analysis.run(InputPlan(arguments: files), assignments: spool),
                                  to: fixtures.path("single"), assignments: (spool, single))
        let expected = try fixtures.bytes(of: single)
        let rows = String(decoding: expected, as: UTF8.self).split(separator: "\n").dropFirst()
        #expect(rows.count > 1000)
        #expect(rows.contains { $0.hasSuffix(",1") } && rows.contains { $0.hasSuffix(",0") }, "stale and recent failures both")

        for (name, groups) in [("days", Self.days(files)), ("shards-3", Self.shards(files, count: 3).reversed())] {
            let paths = try Self.partials(groups, configuration: configuration, configurationText: nil, keepAssignments: true,
                                          in: fixtures, name: name)
            let merge = try PartialMerge(paths: paths)
            let path = fixtures.path("merged-\(name).csv")
            let spool = try AssignmentSpool(nextTo: path)
            let analysis = Analysis(configuration: merge.configuration)
            try analysis.writeReports(try merge.result(with: analysis, assignments: spool), to: fixtures.path("merged-" + name),
                                      assignments: (spool, path))
            #expect(try fixtures.bytes(of: path) == expected, "\(name)")
            // Merged without asking for the file, the rows are passed over and the report is the same.
            #expect(try Self.merged(paths, into: fixtures.path("plain-" + name))
                == DeterminismTests.files(in: fixtures.path("single")), "\(name)")
        }
        // A part made without the rows cannot give the file.
        let kept = try Self.partials([[files[0]]], configuration: configuration, configurationText: nil, keepAssignments: true,
                                     in: fixtures, name: "kept")
        let without = try Self.partials([Array(files.dropFirst())], configuration: configuration, configurationText: nil,
                                        in: fixtures, name: "without")
        let merge = try PartialMerge(paths: kept + without)
        #expect(throws: PartialError.withoutAssignments(path: without[0])) {
            try merge.result(with: Analysis(configuration: merge.configuration),
                             assignments: try AssignmentSpool(nextTo: fixtures.path("refused.csv")))
        }
    }

    /// `--shard I/N` as the command line reads it: every input once, unusable ones included.
    @Test func shardsSplitTheInputsWithoutOverlap() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        var arguments: [String] = []
        for index in 0..<5 { arguments.append(try fixtures.gzip("f\(index).json.gz", members: [Array("{\"message\":\"m\"}\n".utf8)])) }
        let unreadable = fixtures.path("locked.json")
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: unreadable))
        chmod(unreadable, 0)
        defer { chmod(unreadable, 0o644) }
        arguments.append(unreadable)
        let plan = InputPlan(arguments: arguments)
        var seen: [String] = []
        for index in 0..<4 {
            let shard = plan.shard(try InputShard(parsing: "\(index)/4"))
            seen += shard.sources.map(\.displayName) + shard.problems.map(\.path)
        }
        #expect(seen.sorted() == (plan.sources.map(\.displayName) + plan.problems.map(\.path)).sorted())
        #expect(Set(seen).count == seen.count)
        #expect(throws: InputShardError.malformed("1")) { try InputShard(parsing: "1") }
        #expect(throws: InputShardError.outOfRange(index: 3, count: 3)) { try InputShard(parsing: "3/3") }
        #expect(throws: InputShardError.outOfRange(index: 0, count: 0)) { try InputShard(parsing: "0/0") }
    }

    /// Two small partials of a few records, for the refusals below.
    static func smallPartials(in fixtures: InputFixtures, configurationText: String? = nil) throws -> [String] {
        let line = "{\"timestamp\":1762700000000,\"service\":\"pump\",\"level\":\"ERROR\",\"message\":\"connection refused to db-1\"}\n"
        let first = try fixtures.gzip("a.json.gz", members: [Array(String(repeating: line, count: 3).utf8)])
        let second = try fixtures.gzip("b.json.gz", members: [Array(line.utf8)])
        var configuration = try TriageConfiguration.defaults()
        if let configurationText { try configuration.apply(yaml: configurationText, path: "test.yml") }
        return try Self.partials([[first], [second]], configuration: configuration, configurationText: configurationText,
                                 in: fixtures, name: "small" + (configurationText == nil ? "" : "-configured"))
    }

    @Test func partialsOfAnotherConfigurationOrWithTheSameFileAreRefused() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let plain = try Self.smallPartials(in: fixtures)
        let configured = try Self.smallPartials(in: fixtures, configurationText: "slowThresholdMs: 900\n")
        #expect(throws: PartialError.otherConfiguration(path: configured[1], other: plain[0])) {
            try PartialMerge(paths: [plain[0], configured[1]])
        }
        // The same file in two partials.
        let again = try Self.partials([[fixtures.path("a.json.gz")]], configuration: try .defaults(), configurationText: nil,
                                      in: fixtures, name: "again")
        #expect(throws: PartialError.overlapping(file: fixtures.path("a.json.gz"), path: again[0], other: plain[0])) {
            try PartialMerge(paths: [plain[0], plain[1], again[0]])
        }
        // Other alert conditions.
        let conditions = [AlertCondition(name: "pump errors", nrql: "SELECT count(*) FROM Log WHERE level = 'ERROR'",
                                         critical: AlertThreshold(operator: .above, value: 5, durationSeconds: 300))]
        let reviewed = try Self.partials([[fixtures.path("b.json.gz")]], configuration: try .defaults(), configurationText: nil,
                                         conditions: conditions, in: fixtures, name: "reviewed")
        #expect(throws: PartialError.otherConditions(path: reviewed[0], other: plain[0])) {
            try PartialMerge(paths: [plain[0], reviewed[0]])
        }
        // Both fit: merged, and the configuration comes from them.
        let merge = try PartialMerge(paths: configured)
        #expect(merge.configuration.slowThresholdMs == 900)
        #expect(try merge.result(with: Analysis(configuration: merge.configuration)).ingest.records == 4)
    }

    @Test func aPartialOfAnotherBuildOrFormatIsRefused() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let paths = try Self.smallPartials(in: fixtures)
        var run = try PartialFile.read(paths[1])
        run.version = "0.0.1 (elsewhere)"
        try PartialFile.write(run, to: paths[1], observations: { _ in }, assignments: { _ in })
        #expect(throws: PartialError.otherVersion(path: paths[1], version: "0.0.1 (elsewhere)",
                                                  expected: LogTriageVersion.description)) {
            try PartialMerge(paths: paths)
        }
        run.format = PartialRun.currentFormat + 1
        try PartialFile.write(run, to: paths[1], observations: { _ in }, assignments: { _ in })
        #expect(throws: PartialError.otherFormat(path: paths[1], format: PartialRun.currentFormat + 1)) {
            try PartialMerge(paths: paths)
        }
    }

    /// A partial's observations are merged as the sorted runs they must be: one out of order is
    /// refused, since the merged verdicts would be wrong.
    @Test func observationsOutOfOrderAreRefused() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let paths = try Self.smallPartials(in: fixtures)
        var run = try PartialFile.read(paths[0])
        run.observations = 2
        let later = InvoiceObservation(account: 0xa1, invoiceDay: 20_400, time: 1_762_700_060_000,
                                       outcome: .success, reference: 1)
        var earlier = later
        earlier.time -= 60_000
        earlier.reference = 0
        try PartialFile.write(run, to: paths[0], observations: { body in try body(later); try body(earlier) },
                              assignments: { _ in })
        let merge = try PartialMerge(paths: paths)
        #expect(throws: PartialError.damaged(path: paths[0], reason: "its invoice observations are out of order")) {
            try merge.result(with: Analysis(configuration: merge.configuration))
        }
        // In order, the same rows merge.
        try PartialFile.write(run, to: paths[0], observations: { body in try body(earlier); try body(later) },
                              assignments: { _ in })
        #expect(try PartialMerge(paths: paths).result(with: Analysis(configuration: merge.configuration)).staleInvoices.observations == 2)
    }

    @Test func aDamagedPartialIsRefusedWhole() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let paths = try Self.smallPartials(in: fixtures)
        let bytes = try fixtures.bytes(of: paths[0])
        func refused(_ damaged: [UInt8]) -> Bool {
            let path = fixtures.path("damaged.partial")
            _ = FileManager.default.createFile(atPath: path, contents: Data(damaged))
            do {
                let merge = try PartialMerge(paths: [path, paths[1]])
                _ = try merge.result(with: Analysis(configuration: merge.configuration))
                return false
            } catch let error as PartialError {
                guard case let .damaged(damagedPath, _) = error else { return false }
                return damagedPath == path
            } catch {
                return false
            }
        }
        /// The file's bytes inflated, nil unless it is intact gzip.
        func inflated(_ file: [UInt8]) -> [UInt8]? {
            let path = fixtures.path("inflated.gz")
            _ = FileManager.default.createFile(atPath: path, contents: Data(file))
            guard let reader = try? GzipFileReader(path: path), let content = try? reader.read(upTo: 1 << 30),
                  (try? reader.expectEnd()) != nil else { return nil }
            return content
        }
        // Bytes flipped past the gzip header (whose fields, such as its time stamp, the checksum
        // does not cover), and truncations. The last byte of compressed data is left alone: its
        // high bits may be padding after the end of the stream, which nothing reads. A flip may
        // also leave the content as it was (a match's distance moved within a run of equal
        // bytes, found in a build whose partials were 999 bytes): such a file is not damaged.
        let content = try #require(inflated(bytes))
        for offset in stride(from: 10, to: bytes.count, by: max(1, bytes.count / 64)) where offset != bytes.count - 9 {
            var flipped = bytes
            flipped[offset] ^= 0x40
            #expect(refused(flipped) || inflated(flipped) == content, "byte \(offset) flipped")
        }
        for length in stride(from: 10, to: bytes.count, by: max(1, bytes.count / 32)) {
            #expect(refused(Array(bytes.prefix(length))), "cut at \(length)")
        }
        #expect(refused(bytes + [0x1F]), "a byte after the end")
        // Not a partial at all: an export, a text file.
        let export = fixtures.path("a.json.gz")
        #expect(throws: PartialError.notAPartial(path: export)) { try PartialMerge(paths: [export]) }
        let text = fixtures.path("notes.txt")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: PartialError.notAPartial(path: text)) { try PartialMerge(paths: [text]) }
    }

    /// A partial holds state, not the records: on the sample week, all partials together are
    /// smaller than the export they were made from.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: DeterminismTests.sample)))
    func partialsAreSmallerThanTheExport() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = JobsDeterminismTests.gzipFiles(under: DeterminismTests.sample)
        let paths = try Self.partials(Self.days(files), configuration: try .defaults(), configurationText: nil,
                                      in: fixtures, name: "days")
        func size(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        let exported = try files.reduce(0) { $0 + (try size($1)) }
        let partial = try paths.reduce(0) { $0 + (try size($1)) }
        #expect(partial > 0 && partial < exported)
    }
}
