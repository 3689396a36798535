import Foundation
import Testing
@testable import LogTriageAnalysis
@testable import LogTriageAlerts
@testable import LogTriage
import LogTriageTestSupport

/// `analyze --partial` spools the rows that grow with the input (dead-letter events, invoice
/// failures, the cube's cells, the alert rows) while it reads, instead of holding them until
/// the file is written: the file must be the one the rows held in memory make.
@Suite("Partials: rows spooled as they come")
struct PartialSectionTests {
    @Test func aPartialWrittenAgainFromItsRowsReadBackIsTheSameBytes() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try PartialMergeTests.generatedWeek(seed: 47, scale: 0.2, in: fixtures)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let path = try PartialMergeTests.partials([files], configuration: try .defaults(), configurationText: nil,
                                                  conditions: conditions, keepAssignments: true, in: fixtures,
                                                  name: "spooled")[0]
        let run = try PartialFile.read(path)
        let (_, _, tail) = try PartialFile.open(path)
        var observations: [InvoiceObservation] = []
        while let observation = try tail.nextObservation() { observations.append(observation) }
        var assignments: [PartialAssignmentRow] = []
        while let row = try tail.nextAssignment() { assignments.append(row) }
        try tail.finish()
        // Every section holds rows, so each was spooled and copied.
        #expect(!run.deadLetterEvents.isEmpty)
        #expect(!run.outcomeRows.isEmpty)
        #expect(!run.clusterStaleRows.isEmpty)
        #expect(run.alerts?.cells.isEmpty == false)
        #expect(run.alerts?.rows.isEmpty == false)
        #expect(observations.count == run.observations && !observations.isEmpty)
        #expect(assignments.count == run.assignments && !assignments.isEmpty)

        let again = fixtures.path("again.partial")
        try PartialFile.write(run, to: again, observations: { body in try observations.forEach(body) },
                              assignments: { body in try assignments.forEach(body) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A merge reads each part's rows in the order the part wrote them, merged k ways with the
    /// others': a part whose rows go back in read order is refused, not merged out of order.
    @Test func aPartWhoseRowsGoBackIsRefused() throws {
        let fixtures = try InputFixtures()
        defer { fixtures.remove() }
        let files = try PartialMergeTests.generatedWeek(seed: 53, scale: 0.1, in: fixtures)
        let conditions = try AlertConditionsFile.load(path: AlertQualityWeekTests.samplesFile("alerts.yml"))
        let paths = try PartialMergeTests.partials(PartialMergeTests.shards(files, count: 2), configuration: try .defaults(),
                                                   configurationText: nil, conditions: conditions, in: fixtures, name: "part")
        #expect(try PartialMergeTests.merged(paths, into: fixtures.path("merged")).count > 10)
        let original = try PartialFile.read(paths[0])
        let (_, _, tail) = try PartialFile.open(paths[0])
        var observations: [InvoiceObservation] = []
        while let observation = try tail.nextObservation() { observations.append(observation) }
        try tail.finish()
        let edits: [(String, (inout PartialRun) -> Void)] = [
            ("dead-letter events", { $0.deadLetterEvents.reverse() }),
            ("outcome rows", { $0.outcomeRows.reverse() }),
            ("cluster rows", { $0.clusterStaleRows.reverse() }),
            ("alert rows", { $0.alerts?.rows.reverse() }),
        ]
        for (name, edit) in edits {
            var run = original
            edit(&run)
            try PartialFile.write(run, to: paths[0], observations: { body in try observations.forEach(body) },
                                  assignments: { _ in })
            #expect(throws: PartialError.damaged(path: paths[0], reason: "its rows are out of order"), "\(name)") {
                try PartialMergeTests.merged(paths, into: fixtures.path("refused"))
            }
        }
    }
}
