import LogTriageBasics
import LogTriageModel
import LogTriageAnalysis

extension AlertStage {
    /// What the alert stage of a partial run gathered, before the stale-invoice verdicts: each
    /// condition's windows, the signal cube, the per-subject clusters and counts, and the rows
    /// the verdicts will move (per invoice failure).
    package struct Snapshot: Codable, Sendable {
        struct Facet: Codable, Sendable {
            var facet: String
            var records: Int
            var windows: [Window]

            init(facet: String, records: Int, windows: [Window]) {
                (self.facet, self.records, self.windows) = (facet, records, windows)
            }

            /// The windows go as one string (`packedWindows`, ``PackedWindows``) unless one of
            /// them keeps a sketch or unique values (`windows`, keyed objects).
            private enum CodingKeys: String, CodingKey {
                case facet, records, windows, packedWindows
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(facet, forKey: .facet)
                try container.encode(records, forKey: .records)
                if let packed = PackedWindows.pack(windows) {
                    try container.encode(packed, forKey: .packedWindows)
                } else {
                    try container.encode(windows, forKey: .windows)
                }
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                facet = try container.decode(String.self, forKey: .facet)
                records = try container.decode(Int.self, forKey: .records)
                if let packed = try container.decodeIfPresent(String.self, forKey: .packedWindows) {
                    guard let windows = PackedWindows.unpack(packed) else {
                        throw DecodingError.dataCorruptedError(forKey: .packedWindows, in: container,
                                                               debugDescription: "damaged packed windows")
                    }
                    self.windows = windows
                } else {
                    windows = try container.decode([Window].self, forKey: .windows)
                }
            }
        }

        struct Window: Codable, Sendable {
            var start: Int64
            var state: ConditionWindow.State
        }

        struct Condition: Codable, Sendable {
            var facets: [Facet]
            var droppedRecords: Int
            var aliasMisses: Int
            var aliasCarriers: [AliasCarrierCount]
            var unfacetedRecords: Int
            var matchedByService: [String: [Int]]
            /// True when the part's store let go of it over its budget (absent otherwise).
            var overBudget: Bool?
        }

        struct AliasCarrierCount: Codable, Sendable {
            var carrier: AliasCarrier
            var count: Int
        }

        struct Subject: Codable, Sendable {
            var subject: FailureSubject
            var clusters: SubjectClusters
        }

        /// An invoice failure counted in a condition's window (`condition` ≥ 0, `facet` its
        /// text), or in the cube (`condition` −1, `cell` and `provisional` cluster).
        package struct Row: Codable, Sendable {
            package var reference: Int64
            package var condition: Int
            package var facet: String?
            package var window: Int64
            package var category: Int
            package var cell: Int
            package var provisional: Int

            package init(reference: Int64, condition: Int, facet: String?, window: Int64, category: Int, cell: Int,
                         provisional: Int) {
                (self.reference, self.condition, self.facet, self.window) = (reference, condition, facet, window)
                (self.category, self.cell, self.provisional) = (category, cell, provisional)
            }
        }

        var conditions: [Condition]
        /// The cube's cells and the failure rows grow with the input: a partial stores them
        /// as binary rows after its document, not in it. Empty in a stage's own ``snapshot()``
        /// (a partial writes them as ``forEachSnapshotCell(_:)`` and ``forEachSnapshotRow(_:)``
        /// hand them over); filled when a partial is read back.
        package var cells: [SignalCube.ExportedCell] = []
        package var cellFirstFiles: [Int]
        var subjectValues: [SignalCube.ExportedSubjectValues]
        var untimedRecords: Int
        var subjects: [Subject]
        package var rows: [Row] = []

        private enum CodingKeys: String, CodingKey {
            case conditions, cellFirstFiles, subjectValues, untimedRecords, subjects
        }

        init(conditions: [Condition], cellFirstFiles: [Int], subjectValues: [SignalCube.ExportedSubjectValues],
             untimedRecords: Int, subjects: [Subject]) {
            (self.conditions, self.cellFirstFiles, self.subjectValues) = (conditions, cellFirstFiles, subjectValues)
            (self.untimedRecords, self.subjects) = (untimedRecords, subjects)
        }

        // The cells' first files, one per cell (326,235 on the bench week), go as one string
        // of numbers (``CompactIntegers``): as a JSON array they took the encoder a value each.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conditions, forKey: .conditions)
            try container.encode(CompactIntegers.encode(cellFirstFiles.lazy.map(Int64.init)), forKey: .cellFirstFiles)
            try container.encode(subjectValues, forKey: .subjectValues)
            try container.encode(untimedRecords, forKey: .untimedRecords)
            try container.encode(subjects, forKey: .subjects)
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            conditions = try container.decode([Condition].self, forKey: .conditions)
            guard let files = CompactIntegers.decode(try container.decode(String.self, forKey: .cellFirstFiles)) else {
                throw DecodingError.dataCorruptedError(forKey: .cellFirstFiles, in: container, debugDescription: "damaged cell files")
            }
            cellFirstFiles = files.map { Int($0) }
            subjectValues = try container.decode([SignalCube.ExportedSubjectValues].self, forKey: .subjectValues)
            untimedRecords = try container.decode(Int.self, forKey: .untimedRecords)
            subjects = try container.decode([Subject].self, forKey: .subjects)
        }
    }

    package func snapshot() throws -> Snapshot {
        let conditionStates = conditions.indices.map { index in
            let (facets, dropped) = store.exported(condition: index)
            return Snapshot.Condition(
                facets: facets.map { facet, signal in
                    Snapshot.Facet(facet: facet, records: signal.records,
                                   windows: signal.windows.sorted { $0.key < $1.key }.map { Snapshot.Window(start: $0.key, state: $0.value.state) })
                },
                droppedRecords: dropped, aliasMisses: aliasMisses[index],
                aliasCarriers: aliasCarriers[index].map { Snapshot.AliasCarrierCount(carrier: $0.key, count: $0.value) }
                    .sorted { ($0.carrier.attribute, $0.carrier.carriedAs) < ($1.carrier.attribute, $1.carrier.carriedAs) },
                unfacetedRecords: unfacetedRecords[index], matchedByService: matchedByService[index],
                overBudget: store.isOverBudget(condition: index) ? true : nil)
        }
        return Snapshot(conditions: conditionStates, cellFirstFiles: cellFirstFiles,
                        subjectValues: cube.exportedSubjectValues, untimedRecords: cube.untimedRecords,
                        subjects: subjectClusters.map { Snapshot.Subject(subject: $0.key, clusters: $0.value) }
                            .sorted { $0.subject < $1.subject })
    }

    /// The cube's cells of a ``Snapshot``, in cell order, handed over one at a time rather than
    /// kept in it: a partial writes them straight to its file.
    package func forEachSnapshotCell(_ body: (SignalCube.ExportedCell) throws -> Void) rethrows {
        try cube.forEachExportedCell(body)
    }

    /// The failure rows of a ``Snapshot``, in read order, handed over one at a time from the
    /// stage's spool: they grow with the input (1.7 million at 4.7 GB of the bench's week).
    package func forEachSnapshotRow(_ body: (Snapshot.Row) throws -> Void) throws {
        try followUps.forEach { row in
            let (condition, facet, window, category) = row.values
            if condition < 0 {
                try body(Snapshot.Row(reference: row.reference, condition: -1, facet: nil, window: 0, category: 0,
                                      cell: Int(facet), provisional: Int(window)))
            } else {
                try body(Snapshot.Row(reference: row.reference, condition: Int(condition),
                                      facet: facet < 0 ? nil : facetTables[Int(condition)].texts[Int(facet)],
                                      window: window, category: Int(category), cell: -1, provisional: -1))
            }
        }
    }

    /// Takes in the partial runs' alert state, as one run over all their files would have
    /// gathered it: windows added up facet by facet, cube cells in the order of their first
    /// file, clusters renumbered by `provisional` (per part), and the rows, ready for the
    /// verdicts. The rows are not in the snapshots: `rowsInReadOrder` hands each over with its
    /// part and its record's number in the merged read order, in that order.
    ///
    /// Nor are the cube's cells: `cells` gives each part's next cell, in the part's order, so
    /// that a merge holds one part's cell at a time beside the merged cube. Held whole, the
    /// cells of every part came to twice the merged cube's at eleven parts of the bench week.
    package func absorb(_ parts: [Snapshot], cells nextCell: [() throws -> SignalCube.ExportedCell?], globalFile: [[Int]],
                        provisional: [[Int]],
                        rowsInReadOrder: ((_ part: Int, _ reference: Int64, _ row: Snapshot.Row) throws -> Void) throws -> Void)
        throws {
        precondition(nextCell.count == parts.count, "a cell cursor per part")
        precondition(cube.cells.isEmpty, "an alert stage absorbs partial runs before any record of its own")
        for snapshot in parts where snapshot.conditions.count != conditions.count {
            throw PartialStateError.inconsistent("\(snapshot.conditions.count) alert conditions where \(conditions.count) were expected")
        }
        for (part, snapshot) in parts.enumerated() {
            for (index, condition) in snapshot.conditions.enumerated() {
                // A part that let go of a condition lacks its windows, so the whole run does too.
                if condition.overBudget == true { store.letGo(from: index) }
                // Only a replayed condition (one with a query) has windows.
                let select = queries[index]?.select
                for facet in condition.facets {
                    var signal = WindowAggregationStore<ConditionWindow>.Signal()
                    signal.records = facet.records
                    for window in facet.windows {
                        guard let select else { throw PartialStateError.inconsistent("windows of condition \(conditions[index].name), which is not replayed") }
                        var loaded = ConditionWindow(select, windowSeconds: conditions[index].windowSeconds)
                        guard loaded.load(window.state) else {
                            throw PartialStateError.inconsistent("a window of condition \(conditions[index].name) in part \(part)")
                        }
                        signal.windows[window.start] = loaded
                    }
                    store.absorb(condition: index, facet: facet.facet, signal: signal) { $0.merge($1) }
                }
                store.addDropped(condition: index, condition.droppedRecords)
                aliasMisses[index] += condition.aliasMisses
                for entry in condition.aliasCarriers { aliasCarriers[index][entry.carrier, default: 0] += entry.count }
                unfacetedRecords[index] += condition.unfacetedRecords
                for (service, counts) in condition.matchedByService {
                    var mine = matchedByService[index][service] ?? Array(repeating: 0, count: counts.count)
                    guard mine.count == counts.count else { throw PartialStateError.inconsistent("categories counted per service") }
                    for position in counts.indices { mine[position] += counts[position] }
                    matchedByService[index][service] = mine
                }
            }
        }
        forgetConditionsLetGo()

        var order: [(file: Int, part: Int, cell: Int)] = []
        for (part, snapshot) in parts.enumerated() {
            for (cell, file) in snapshot.cellFirstFiles.enumerated() {
                guard globalFile[part].indices.contains(file) else { throw PartialStateError.inconsistent("a cube cell names file \(file)") }
                order.append((globalFile[part][file], part, cell))
            }
        }
        order.sort { ($0.file, $0.part, $0.cell) < ($1.file, $1.part, $1.cell) }
        var cells = parts.map { Array(repeating: Int32(-1), count: $0.cellFirstFiles.count) }
        // A part made its cells in its read order, so their first files never go back: sorted by
        // merged file, a part's cells still come in its own order, the one its cursor gives.
        var nextIndex = [Int](repeating: 0, count: parts.count)
        for step in order {
            guard step.cell == nextIndex[step.part] else { throw PartialStateError.inconsistent("cube cell files") }
            guard let exported = try nextCell[step.part]() else { throw PartialStateError.inconsistent("cube cell files") }
            nextIndex[step.part] += 1
            guard SignalCube.isPossible(exported) else {
                throw PartialStateError.inconsistent("cube cell \(step.cell) of part \(step.part)")
            }
            let position = cube.absorb(exported)
            cells[step.part][step.cell] = position
            if Int(position) == cellFirstFiles.count { cellFirstFiles.append(step.file) }
        }
        for cursor in nextCell where try cursor() != nil { throw PartialStateError.inconsistent("cube cell files") }
        for snapshot in parts {
            for values in snapshot.subjectValues { cube.absorb(values) }
            cube.absorb(untimedRecords: snapshot.untimedRecords)
        }

        func cluster(_ index: Int, part: Int) throws(PartialStateError) -> Int {
            guard provisional[part].indices.contains(index) else { throw PartialStateError.inconsistent("a subject names cluster \(index)") }
            return provisional[part][index]
        }
        for (part, snapshot) in parts.enumerated() {
            for entry in snapshot.subjects {
                var mine = subjectClusters[entry.subject] ?? SubjectClusters()
                for (index, count) in entry.clusters.clusters.sorted(by: { $0.key < $1.key }) {
                    mine.clusters[try cluster(index, part: part), default: 0] += count
                }
                mine.first = min(mine.first, entry.clusters.first)
                mine.last = max(mine.last, entry.clusters.last)
                subjectClusters[entry.subject] = mine
            }
        }

        try rowsInReadOrder { part, reference, row in
            if row.condition < 0 {
                guard cells[part].indices.contains(row.cell) else { throw PartialStateError.inconsistent("a row names cell \(row.cell)") }
                try followUps.append(reference, -1, Int64(cells[part][row.cell]),
                                     Int64(row.provisional < 0 ? -1 : try cluster(row.provisional, part: part)))
            } else {
                guard conditions.indices.contains(row.condition) else { throw PartialStateError.inconsistent("a row names condition \(row.condition)") }
                guard Category.allCases.indices.contains(row.category) else {
                    throw PartialStateError.inconsistent("a row names category \(row.category)")
                }
                let facet = row.facet.map { Int64(facetTables[row.condition].intern(Array($0.utf8))) } ?? -1
                try followUps.append(reference, Int64(row.condition), facet, row.window, Int64(row.category))
            }
        }
    }
}
