import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriage
import LogTriageBasics
import LogTriageModel
import LogTriageTestSupport

/// `logtriage merge` reads back files a person can edit and a disk can damage. A number no read
/// could have made is refused as damage, where it used to stop the run: stale failures above
/// the failures made a negative recent count that trapped in `billers.csv`, a same-way share
/// above 1 failed a precondition, and a category past the last indexed past the arrays of the
/// windows and of the cube.
@Suite("Partials: numbers no read could have made are refused")
struct EditedPartialTests {
    /// Two partials of a generated week with the sample's alert conditions.
    private static func partials(in fixtures: InputFixtures) throws -> [String] {
        let files = try PartialMergeTests.generatedWeek(seed: 61, scale: 0.1, in: fixtures)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        return try PartialMergeTests.partials(PartialMergeTests.shards(files, count: 2), configuration: try .defaults(),
                                              configurationText: nil, conditions: conditions, in: fixtures, name: "part")
    }

    /// The partial at `path` read back whole, with its invoice observations, to write again edited.
    private static func readBack(_ path: String) throws -> (PartialRun, [InvoiceObservation]) {
        let run = try PartialFile.read(path)
        let (_, _, tail) = try PartialFile.open(path)
        var observations: [InvoiceObservation] = []
        while let observation = try tail.nextObservation() { observations.append(observation) }
        try tail.finish()
        return (run, observations)
    }

    /// How a number is edited in place: its length kept, as the partial's header gives its
    /// document's length.
    enum Edit: String, CaseIterable, Sendable {
        case nines, negative

        func apply(_ number: [UInt8]) -> [UInt8]? {
            switch self {
            case .nines: Array(repeating: UInt8(ascii: "9"), count: number.count)
            case .negative: number.count < 2 ? nil : [UInt8(ascii: "-")] + Array(repeating: UInt8(ascii: "9"), count: number.count - 1)
            }
        }
    }

    /// `bytes` with the number after every `"key":` edited.
    private static func edited(_ bytes: [UInt8], key: String, edit: Edit) -> [UInt8] {
        let pattern = Array("\"\(key)\":".utf8)
        var result: [UInt8] = []
        var position = 0, replaced = 0
        while position < bytes.count {
            if bytes[position...].starts(with: pattern) {
                result += pattern
                position += pattern.count
                let start = position
                while position < bytes.count, "-.0123456789eE+".utf8.contains(bytes[position]) { position += 1 }
                let number = Array(bytes[start..<position])
                if let changed = edit.apply(number) {
                    result += changed
                    replaced += 1
                } else {
                    result += number
                }
            } else {
                result.append(bytes[position])
                position += 1
            }
        }
        #expect(replaced > 0, "no \(key) in the partial")
        return result
    }

    @Test(arguments: [
        ("staleFailures", Edit.nines),
        ("successes", .nines),
        ("failures", .negative),
        ("sameWayShare", .nines),
        ("minimumFailures", .negative),
    ])
    func anEditedCountIsRefused(key: String, edit: Edit) throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let paths = try Self.partials(in: fixtures)
        #expect(try PartialMergeTests.merged(paths, into: fixtures.path("merged")).count > 10)

        let reader = try GzipFileReader(path: paths[0])
        var document: [UInt8] = []
        while case let chunk = try reader.read(upTo: 1 << 20), !chunk.isEmpty { document += chunk }
        try fixtures.gzip("edited.partial", members: [Self.edited(document, key: key, edit: edit)])
        try FileManager.default.removeItem(atPath: paths[0])
        try FileManager.default.moveItem(atPath: fixtures.path("edited.partial"), toPath: paths[0])

        let error = #expect(throws: PartialError.self) { try PartialMergeTests.merged(paths, into: fixtures.path("refused")) }
        guard case let .damaged(path, reason) = error else {
            Issue.record("\(String(describing: error)) is not damage")
            return
        }
        #expect(path == paths[0])
        #expect(reason.contains("its document cannot be read") && reason.contains(key), "\(reason)")
    }

    @Test func aCubeCellOrAlertRowNamingWhatThereIsNoneOfIsRefused() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let paths = try Self.partials(in: fixtures)
        let (original, observations) = try Self.readBack(paths[0])
        let conditionRow = try #require(original.alerts?.rows.firstIndex { $0.condition >= 0 })
        let edits: [(String, (inout PartialRun) -> Void)] = [
            ("cube cell \(0) of part 0", { $0.alerts?.cells[0].category = Int8(Category.allCases.count + 1) }),
            ("cube cell \(0) of part 0", { $0.alerts?.cells[0].severity = 3 }),
            ("cube cell \(0) of part 0", { $0.alerts?.cells[0].endpointAttribute = 100 }),
            ("cube cell \(0) of part 0", { $0.alerts?.cells[0].count = -5 }),
            ("a row names category 99", { $0.alerts?.rows[conditionRow].category = 99 }),
        ]
        for (reason, edit) in edits {
            var run = original
            edit(&run)
            try PartialFile.write(run, to: paths[0], observations: { body in try observations.forEach(body) },
                                  assignments: { _ in })
            let error = #expect(throws: PartialStateError.self) {
                try PartialMergeTests.merged(paths, into: fixtures.path("refused"))
            }
            #expect(error.map(String.init(describing:)) == "the partial is inconsistent: \(reason)")
        }
        // The same parts unedited still merge.
        try PartialFile.write(original, to: paths[0], observations: { body in try observations.forEach(body) },
                              assignments: { _ in })
        #expect(try PartialMergeTests.merged(paths, into: fixtures.path("merged")).count > 10)
    }

    /// The merge reads each part's cube cells a cell at a time, in the order of their first
    /// files (the document's list): cells that do not match that list are damage, never a
    /// cube made of other cells.
    @Test func cubeCellsThatDisagreeWithTheirFirstFilesAreRefused() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let paths = try Self.partials(in: fixtures)
        let (original, observations) = try Self.readBack(paths[0])
        let firstFiles = try #require(original.alerts?.cellFirstFiles)
        let later = try #require(firstFiles.firstIndex { $0 > firstFiles[0] }, "the part's cells start in one file")
        func write(_ run: PartialRun) throws {
            try PartialFile.write(run, to: paths[0], observations: { body in try observations.forEach(body) },
                                  assignments: { _ in })
        }

        // One cell fewer than the document lists.
        var fewer = original
        fewer.alerts?.cells.removeLast()
        try write(fewer)
        let missing = #expect(throws: PartialError.self) { try PartialMergeTests.merged(paths, into: fixtures.path("fewer")) }
        guard case let .damaged(path, reason) = missing else {
            Issue.record("\(String(describing: missing)) is not damage")
            return
        }
        #expect(path == paths[0])
        #expect(reason == "it holds \(firstFiles.count - 1) cube cells for \(firstFiles.count) first files")

        // The first cell said to start in a later file than the next: its cells would be
        // read out of the order they were made in.
        var reordered = original
        reordered.alerts?.cellFirstFiles[0] = firstFiles[later]
        try write(reordered)
        let error = #expect(throws: PartialStateError.self) {
            try PartialMergeTests.merged(paths, into: fixtures.path("reordered"))
        }
        #expect(error.map(String.init(describing:)) == "the partial is inconsistent: cube cell files")

        try write(original)
        #expect(try PartialMergeTests.merged(paths, into: fixtures.path("merged")).count > 10)
    }

}
