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

    /// The table is kept per window: a window holding thousands of cells, read in time order
    /// with late records of earlier windows (and an early one of a later window) among them,
    /// finds each cell again, whichever window its table was filled in.
    @Test func lateAndEarlyRecordsFindTheirWindowsCells() throws {
        var cube = SignalCube(slowThresholdMs: 2_000)
        func add(window: Int64, biller: Int) -> Int32? {
            cube.add(time: (Self.start + window * 300) * 1000, service: "pump", serviceAttribute: nil,
                     billerId: "B\(biller)", sourceId: nil, errorClass: nil, category: nil, severity: .other,
                     durationMs: nil)
        }
        var cells: [String: Int32] = [:]
        func expectOne(window: Int64, biller: Int) throws {
            let cell = try #require(add(window: window, biller: biller))
            let name = "\(window)/\(biller)"
            if let known = cells[name] { #expect(cell == known) } else { cells[name] = cell }
        }
        for window: Int64 in 0..<4 {
            for biller in 0..<3_000 {
                try expectOne(window: window, biller: biller)
                if biller % 97 == 0 && window > 0 { try expectOne(window: window - 1, biller: biller * 7 % 3_000) }
                if biller % 499 == 0 { try expectOne(window: 9, biller: biller) }
                if biller % 211 == 0 { try expectOne(window: window, biller: 3_000 + biller) }
            }
        }
        for (name, cell) in cells {
            let parts = name.split(separator: "/")
            #expect(add(window: Int64(parts[0])!, biller: Int(parts[1])!) == cell)
        }
        #expect(cube.cells.count == cells.count)
        #expect(Set(cells.values).count == cells.count)
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

    /// Names handed in with ids give the cube the same cells, and its names the same indices, as
    /// the texts alone: also where one text has several ids (one per id space, or two byte
    /// strings repaired alike), where a service's text is also a biller's, and for records
    /// without a biller, a source, an alias or a class.
    @Test func namesByIdFillTheCellsTheTextsFill() throws {
        // The run's ids: 0 to 5 (3 and 5 share "pump"; "B1" is both a service and a biller).
        let texts = ["pump", "gateway", "B1", "pump", "AUTOPAY", "pump"]
        let aliases = ["service", "entity.name"]
        let classes = ["TimeoutException", "pump"]
        var byText = SignalCube(slowThresholdMs: 2_000), byID = SignalCube(slowThresholdMs: 2_000)
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for step in 0..<3_000 {
            let service = [0, 1, 2, 3, 5][next(5)], biller = next(4) - 1, source = next(3) - 1
            let alias = next(3) - 1, errorClass = next(3) - 1
            let billerID = biller < 0 ? -1 : [2, 4, 0][biller], sourceID = source < 0 ? -1 : [4, 2][source]
            let time = (Self.start + Int64(step % 40) * 300) * 1000
            let category: Category? = step % 4 == 0 ? .transient : nil
            let expected = byText.add(time: time, service: texts[service], serviceAttribute: alias < 0 ? nil : aliases[alias],
                                      billerId: billerID < 0 ? nil : texts[billerID], sourceId: sourceID < 0 ? nil : texts[sourceID],
                                      errorClass: errorClass < 0 ? nil : classes[errorClass], category: category,
                                      severity: category == nil ? .other : .error, durationMs: nil)
            let cell = byID.add(time: time, service: .init(id: Int32(service), name: texts[service]),
                                serviceAttribute: .init(id: Int32(alias), name: alias < 0 ? nil : aliases[alias]),
                                billerId: .init(id: Int32(billerID), name: billerID < 0 ? nil : texts[billerID]),
                                sourceId: .init(id: Int32(sourceID), name: sourceID < 0 ? nil : texts[sourceID]),
                                errorClass: .init(id: Int32(errorClass), name: errorClass < 0 ? nil : classes[errorClass]),
                                category: category, severity: category == nil ? .other : .error, durationMs: nil)
            #expect(cell == expected)
        }
        #expect(byID.cells.count == byText.cells.count)
        #expect(byText.cells.count > 100)
        #expect(zip(byID.cells, byText.cells).allSatisfy { $0.key == $1.key && $0.count == $1.count })
        for cell in byText.cells.prefix(200) {
            #expect(byID.service(of: cell) == byText.service(of: cell))
            #expect(byID.billerId(of: cell) == byText.billerId(of: cell))
            #expect(byID.errorClass(of: cell) == byText.errorClass(of: cell))
        }
    }
}
