import Testing
@testable import LogTriageAlerts
@testable import LogTriageAnalysis
import LogTriageModel

/// The signal cube's tally: each combination of attributes in each window is one cell, found
/// again through the cube's table of positions however many cells it grows to.
@Suite("Alerts: the signal cube's cells")
struct SignalCubeTests {
    static let start: Int64 = 1_794_182_400

    /// Many combinations, each seen three times in turn, past several growths of the table:
    /// every repeat lands in its combination's cell, and cells keep the order first seen in.
    @Test func everyCombinationFindsItsCell() throws {
        var cube = SignalCube(slowThresholdMs: 2_000)
        func add(_ combination: Int) -> Int32? {
            cube.add(time: (Self.start + Int64(combination % 500) * 300) * 1000, service: "pump",
                     serviceAttribute: "entity.name", billerId: "B\(combination / 500)", sourceId: nil,
                     errorClass: nil, category: combination % 3 == 0 ? .transient : nil,
                     severity: combination % 3 == 0 ? .error : .other, durationMs: nil)
        }
        let combinations = 5_000
        var first: [Int32] = []
        for combination in 0..<combinations { first.append(try #require(add(combination))) }
        for _ in 0..<2 {
            for combination in 0..<combinations { #expect(add(combination) == first[combination]) }
        }
        #expect(first == (0..<Int32(combinations)).map { $0 })
        #expect(cube.cells.count == combinations)
        #expect(cube.cells.allSatisfy { $0.count == 3 })
        #expect(cube.cellPositions(ofService: "pump").count == combinations)
        #expect(cube.cellPositions(ofService: "gateway").isEmpty)
    }

    /// A stale verdict moves one record to the stale twin of its cell, made once and found again.
    @Test func staleVerdictsMoveRecordsToOneTwin() throws {
        var cube = SignalCube(slowThresholdMs: 2_000)
        var cell: Int32?
        for _ in 0..<3 {
            cell = cube.add(time: Self.start * 1000, service: "pump", serviceAttribute: nil, billerId: "B1",
                            sourceId: nil, errorClass: nil, category: .validation, severity: .error, durationMs: nil)
        }
        let recent = try #require(cell)
        cube.markStale(cell: recent)
        cube.markStale(cell: recent)
        #expect(cube.cells.count == 2)
        #expect(cube.cells[Int(recent)].count == 1)
        #expect(cube.cells.filter { cube.isStale($0) }.map(\.count) == [2])
    }
}
