import LogTriageBasics
import LogTriageModel
import LogTriageAnalysis

/// The week's records tallied by the attributes proposals may name, per base window: the
/// proposal backtest reads this instead of the records.
///
/// A proposed condition is only known once the whole week has been read (its scope, classes
/// and threshold come from the week), so it cannot be evaluated record by record during the
/// one pass. Records that agree on every attribute a proposal may read (the service and the
/// alias that carried it, billerId, sourceId, error.class, whether durationMs is above the
/// slow threshold, the stale-invoice verdict) are interchangeable for any such proposal, so a
/// tally of them per window gives exactly what evaluating the NRQL on each record would.
/// Memory is bounded by windows × distinct attribute combinations, never by records.
///
/// A failing record also keeps the endpoint and the queue it names (the first attribute of
/// ``AlertTuning/endpointAttributes`` and of ``AlertTuning/queueAttributes`` it carries), so
/// a proposal can count failures per endpoint or queue. Successes do not keep them (a URL per
/// call would multiply the cells), so those facets take counts, not ratios; each attribute's
/// distinct values per service are still counted on every record, up to one more than New
/// Relic's facet limit, and failures beyond that many values keep none.
public struct SignalCube: Sendable {
    /// The cube's window: proposals use multiples of it.
    public let baseWindowSeconds: Int
    /// `durationMs` is kept only as above or not above this, so proposals compare with it exactly.
    public let slowThresholdMs: Int
    public private(set) var cells: [Cell] = []
    private var index = SignalCubeIndex()
    private var names = NameTable()
    /// What ``names`` calls the ids its adding caller numbers names by (see
    /// ``add(time:service:serviceAttribute:billerId:sourceId:errorClass:category:severity:durationMs:endpoint:queue:)``):
    /// the run's record names, the service's aliases, the error classes.
    private var recordNameIndices = NameTranslation()
    private var aliasIndices = NameTranslation()
    private var errorClassIndices = NameTranslation()
    /// Records without a time: they belong to no window, so no alert could count them.
    public private(set) var untimedRecords = 0
    /// Per service and endpoint or queue attribute: hashes of its distinct values, at most
    /// ``facetLimit`` + 1 of them.
    private var subjectValues: [SubjectAttributeKey: Set<UInt64>] = [:]
    /// New Relic's facet limit: an attribute with more values than this is never faceted by.
    public let facetLimit: Int

    /// One combination of attribute values in one window, and how many records had it.
    public struct Cell: Sendable {
        public struct Key: Hashable, Sendable {
            public var windowStart: Int64
            var service: Int32
            var serviceAttribute: Int32
            var billerId: Int32
            var sourceId: Int32
            var errorClass: Int32
            /// Category raw index + 1, 0 for an unclustered record.
            var category: Int8
            /// 0 other, 1 warning, 2 error.
            var severity: Int8
            /// 0 no duration, 1 at or below the slow threshold, 2 above.
            var duration: Int8
            var stale: Bool
            /// The endpoint a failing record names: its attribute (index into
            /// ``AlertTuning/endpointAttributes``, -1 for none) and value.
            var endpointAttribute: Int8 = -1
            var endpoint: Int32 = -1
            /// The same for its queue (``AlertTuning/queueAttributes``).
            var queueAttribute: Int8 = -1
            var queue: Int32 = -1

            /// Every field packed into six words: hashed field by field, fourteen of them, a key
            /// took about 660 instructions, and the review's profiles hash every cell's key.
            public func hash(into hasher: inout Hasher) {
                hasher.combine(windowStart)
                hasher.combine(Self.pair(service, serviceAttribute))
                hasher.combine(Self.pair(billerId, sourceId))
                hasher.combine(Self.pair(errorClass, endpoint))
                hasher.combine(UInt64(UInt32(bitPattern: queue)) | UInt64(UInt8(bitPattern: category)) << 32
                    | UInt64(UInt8(bitPattern: severity)) << 40 | UInt64(UInt8(bitPattern: duration)) << 48
                    | UInt64(stale ? 1 : 0) << 56)
                hasher.combine(UInt16(UInt8(bitPattern: endpointAttribute)) | UInt16(UInt8(bitPattern: queueAttribute)) << 8)
            }

            private static func pair(_ low: Int32, _ high: Int32) -> UInt64 {
                UInt64(UInt32(bitPattern: low)) | UInt64(UInt32(bitPattern: high)) << 32
            }
        }

        public var key: Key
        public var count: Int
    }

    public init(baseWindowSeconds: Int = 300, slowThresholdMs: Int,
                facetLimit: Int = WindowAggregationStore<ConditionWindow>.defaultFacetLimit) {
        self.baseWindowSeconds = baseWindowSeconds
        self.slowThresholdMs = slowThresholdMs
        self.facetLimit = facetLimit
    }

    /// An endpoint or queue attribute a record carries: its position in its list
    /// (``AlertTuning/endpointAttributes``, ``AlertTuning/queueAttributes``) and its value's bytes.
    struct SubjectValue {
        var attribute: Int
        var bytes: UnsafeBufferPointer<UInt8>
    }

    /// Tallies one record; returns the cell's index, which a stale verdict later names.
    /// `endpoint` and `queue` are kept in the cell for a clustered record only (a failure,
    /// warning or slow call), and counted among their attribute's values for every record.
    @discardableResult
    mutating func add(time: Int64?, service: String, serviceAttribute: String?, billerId: String?, sourceId: String?,
                      errorClass: String?, category: Category?, severity: RecordSeverity, durationMs: Double?,
                      endpoint: SubjectValue? = nil, queue: SubjectValue? = nil) -> Int32? {
        guard let time else {
            untimedRecords += 1
            return nil
        }
        let named = NamedKey(service: names.index(service), serviceAttribute: names.index(serviceAttribute),
                             billerId: names.index(billerId), sourceId: names.index(sourceId), errorClass: names.index(errorClass))
        return add(time: time, named: named, category: category, severity: severity, durationMs: durationMs,
                   endpoint: endpoint, queue: queue)
    }

    /// A name a record carries, with the id its caller numbers it by (-1: none).
    struct IdentifiedName {
        var id: Int32
        var name: String?
    }

    /// The same as ``add(time:service:serviceAttribute:billerId:sourceId:errorClass:category:severity:durationMs:endpoint:queue:)``,
    /// for a caller that numbers the names it hands in: the service, biller and source by the
    /// run's ids (``RecordNames``), the service attribute by its alias position and the error
    /// class by an id of the caller's own. Each id's text is hashed on its first record only,
    /// and asked in the same order, so every name gets the index the texts alone would give it.
    @discardableResult
    mutating func add(time: Int64?, service: IdentifiedName, serviceAttribute: IdentifiedName, billerId: IdentifiedName,
                      sourceId: IdentifiedName, errorClass: IdentifiedName, category: Category?, severity: RecordSeverity,
                      durationMs: Double?, endpoint: SubjectValue? = nil, queue: SubjectValue? = nil) -> Int32? {
        guard let time else {
            untimedRecords += 1
            return nil
        }
        let named = NamedKey(service: recordNameIndices.index(of: service.id, name: service.name, in: &names),
                             serviceAttribute: aliasIndices.index(of: serviceAttribute.id, name: serviceAttribute.name, in: &names),
                             billerId: recordNameIndices.index(of: billerId.id, name: billerId.name, in: &names),
                             sourceId: recordNameIndices.index(of: sourceId.id, name: sourceId.name, in: &names),
                             errorClass: errorClassIndices.index(of: errorClass.id, name: errorClass.name, in: &names))
        return add(time: time, named: named, category: category, severity: severity, durationMs: durationMs,
                   endpoint: endpoint, queue: queue)
    }

    /// A record's names as indices into ``names``.
    private struct NamedKey {
        var service: Int32
        var serviceAttribute: Int32
        var billerId: Int32
        var sourceId: Int32
        var errorClass: Int32
    }

    private mutating func add(time: Int64, named: NamedKey, category: Category?, severity: RecordSeverity, durationMs: Double?,
                              endpoint: SubjectValue?, queue: SubjectValue?) -> Int32 {
        var key = Cell.Key(
            windowStart: WindowSeries.windowStart(ofMilliseconds: time, windowSeconds: baseWindowSeconds),
            service: named.service, serviceAttribute: named.serviceAttribute,
            billerId: named.billerId, sourceId: named.sourceId, errorClass: named.errorClass,
            category: category.map { Int8($0.index + 1) } ?? 0,
            severity: severity == .error ? 2 : severity == .warning ? 1 : 0,
            duration: durationMs.map { $0 > Double(slowThresholdMs) ? 2 : 1 } ?? 0, stale: false)
        if let endpoint, let value = subjectValue(endpoint, group: 0, service: named.service, keep: category != nil) {
            key.endpointAttribute = Int8(endpoint.attribute)
            key.endpoint = value
        }
        if let queue, let value = subjectValue(queue, group: 1, service: named.service, keep: category != nil) {
            key.queueAttribute = Int8(queue.attribute)
            key.queue = value
        }
        let cell = cellIndex(key)
        cells[Int(cell)].count += 1
        return cell
    }

    /// Counts `subject` among its attribute's values of the service; the value's name index
    /// when it is to be kept and its attribute has not passed the facet limit.
    private mutating func subjectValue(_ subject: SubjectValue, group: Int8, service: Int32, keep: Bool) -> Int32? {
        let key = SubjectAttributeKey(service: service, group: group, attribute: Int8(subject.attribute))
        // Changed where it is stored: a copy taken out and written back would copy the whole set.
        let facetLimit = self.facetLimit, hash = Self.fnv1a(subject.bytes)
        func count(_ values: inout Set<UInt64>) -> Int {
            if values.count <= facetLimit { values.insert(hash) }
            return values.count
        }
        let distinct = count(&subjectValues[key, default: []])
        guard keep, distinct <= facetLimit else { return nil }
        return names.index(String(decoding: subject.bytes, as: UTF8.self))
    }

    /// Distinct values of an endpoint or queue attribute among `service`'s records, counted up
    /// to one more than the facet limit; nil for another attribute.
    public func subjectValueCount(service: String, attribute: String) -> Int? {
        let position: (group: Int8, attribute: Int)
        if let index = AlertTuning.endpointAttributes.firstIndex(of: attribute) {
            position = (0, index)
        } else if let index = AlertTuning.queueAttributes.firstIndex(of: attribute) {
            position = (1, index)
        } else {
            return nil
        }
        guard let service = names.existingIndex(service) else { return 0 }
        return subjectValues[SubjectAttributeKey(service: service, group: position.group,
                                                 attribute: Int8(position.attribute))]?.count ?? 0
    }

    private struct SubjectAttributeKey: Hashable, Sendable {
        var service: Int32
        /// 0 endpoint, 1 queue.
        var group: Int8
        var attribute: Int8
    }

    /// FNV-1a: a value's identity among its attribute's values, the same from run to run.
    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Moves one record of `cell` to the same combination judged a stale-invoice failure.
    ///
    /// Returns the failure subject the cell counts for (nil without a category), so that the
    /// alert stage takes the record out of its subjects too: asked of the stage's stored cube
    /// by a call that does not mutate, each answer copied the cube, with its arrays.
    @discardableResult
    mutating func markStale(cell: Int32) -> FailureSubject? {
        let marked = cells[Int(cell)]
        var key = marked.key
        let subject = category(of: marked).map {
            FailureSubject(service: service(of: marked), billerId: billerId(of: marked), category: $0)
        }
        guard !key.stale, marked.count > 0 else { return subject }
        key.stale = true
        let target = cellIndex(key)
        cells[Int(cell)].count -= 1
        cells[Int(target)].count += 1
        return subject
    }

    private mutating func cellIndex(_ key: Cell.Key) -> Int32 {
        if let found = index.position(of: key, in: cells) { return found }
        let new = Int32(cells.count)
        cells.append(Cell(key: key, count: 0))
        index.insert(new, in: cells)
        return new
    }

    /// The cube without the cells whose windows lie wholly outside `range` (epoch seconds):
    /// records dated far from the week (``RecordWeek``) are replayed by no proposal. Itself
    /// when every cell is inside, as in any export without such records.
    public func windows(within range: ClosedRange<Int64>) -> SignalCube {
        let window = Int64(baseWindowSeconds)
        func inside(_ cell: Cell) -> Bool {
            cell.key.windowStart > range.lowerBound - window && cell.key.windowStart <= range.upperBound
        }
        guard !cells.allSatisfy(inside) else { return self }
        var kept = self
        kept.cells = cells.filter(inside)
        kept.index = SignalCubeIndex()
        for position in kept.cells.indices { kept.index.insert(Int32(position), in: kept.cells) }
        return kept
    }

    // MARK: reading cells

    /// The positions in ``cells`` of `service`'s cells, for queries scoped to one service
    /// (every proposal is): positions rather than copies, as a busy service holds most cells.
    public func cellPositions(ofService service: String) -> [Int32] {
        guard let index = names.existingIndex(service) else { return [] }
        var positions: [Int32] = []
        for position in cells.indices where cells[position].key.service == index { positions.append(Int32(position)) }
        return positions
    }

    /// Cells that differ only in their window: every attribute a proposal reads but
    /// `timestamp` reads alike on them, so the tuner works a WHERE or a FACET out once per
    /// profile instead of once per cell (a week holds hundreds of windows per profile).
    public struct Profiles: Sendable {
        /// Per cell, the number of its profile.
        public let ofCell: [Int32]
        public let count: Int
    }

    /// The cells' profiles, numbered in the order of the cells.
    public func profiles() -> Profiles {
        var numbers: [Cell.Key: Int32] = [:]
        var ofCell: [Int32] = []
        ofCell.reserveCapacity(cells.count)
        for cell in cells {
            var key = cell.key
            key.windowStart = 0
            if let number = numbers[key] {
                ofCell.append(number)
            } else {
                let number = Int32(numbers.count)
                numbers[key] = number
                ofCell.append(number)
            }
        }
        return Profiles(ofCell: ofCell, count: numbers.count)
    }

    /// One cell per profile, holding the records of all its cells, with the key (window
    /// included) of its first: for the tallies that read no window (which attributes a
    /// service's failures carry, the plans' tallies), a pass over far fewer cells.
    public func totals(of profiles: Profiles) -> [Cell] {
        var totals: [Cell?] = Array(repeating: nil, count: profiles.count)
        for (position, cell) in cells.enumerated() {
            let profile = Int(profiles.ofCell[position])
            if totals[profile] == nil { totals[profile] = Cell(key: cell.key, count: 0) }
            totals[profile]!.count += cell.count
        }
        return totals.map { $0! }
    }

    /// The text of a name index of the cells' keys (nil for -1).
    func name(_ index: Int32) -> String? { names.name(index) }
    /// The index the cells' keys give a name, nil when no cell names it.
    func nameIndex(_ name: String) -> Int32? { names.existingIndex(name) }

    public func service(of cell: Cell) -> String { names.name(cell.key.service) ?? RecordFacts.noService }
    public func serviceAttribute(of cell: Cell) -> String? { names.name(cell.key.serviceAttribute) }
    public func billerId(of cell: Cell) -> String? { names.name(cell.key.billerId) }
    public func sourceId(of cell: Cell) -> String? { names.name(cell.key.sourceId) }
    public func errorClass(of cell: Cell) -> String? { names.name(cell.key.errorClass) }
    public func category(of cell: Cell) -> Category? {
        cell.key.category == 0 ? nil : Category.allCases[Int(cell.key.category) - 1]
    }
    public func isError(_ cell: Cell) -> Bool { cell.key.severity == 2 }
    public func isStale(_ cell: Cell) -> Bool { cell.key.stale }

    /// The attribute names proposals read from a cell; `staleInvoice` is the attribute the
    /// integration is asked to add, standing in for LogTriage's stale verdict.
    public static let staleAttribute = "staleInvoice"

    /// The cell as the record New Relic would see: the service under the alias that carried
    /// it, `durationMs` on the right side of the slow threshold, `staleInvoice` true when stale.
    /// A view, not a copy: reading it allocates nothing, since the backtest reads every cell
    /// once per candidate query.
    ///
    /// It holds the cube's names, not the cube: a copy of the cube retains each of its tables.
    public func record(of cell: Cell) -> CellRecord {
        CellRecord(names: names.all, slowThresholdMs: slowThresholdMs, key: cell.key)
    }

    /// One cell read as NRQL attributes.
    public struct CellRecord: NRQLRecord {
        /// The cube's interned names, at their indices.
        let names: [String]
        let slowThresholdMs: Int
        let key: Cell.Key

        private func name(_ index: Int32) -> String? { index >= 0 ? names[Int(index)] : nil }

        public func value(of attribute: String) -> NRQLValue? {
            switch attribute {
            case "billerId": return name(key.billerId).map(NRQLValue.string)
            case "sourceId": return name(key.sourceId).map(NRQLValue.string)
            case "error.class": return name(key.errorClass).map(NRQLValue.string)
            case "durationMs":
                switch key.duration {
                case 2: return .number(Double(slowThresholdMs) + 1)
                case 1: return .number(0)
                default: return nil
                }
            case SignalCube.staleAttribute: return key.stale ? .bool(true) : nil
            // The cell's window start: exact for a bound on the cube's base windows, as a
            // ticket's start is (``TicketedFailure``).
            case "timestamp": return .number(Double(key.windowStart) * 1000)
            case _ where key.endpointAttribute >= 0 && AlertTuning.endpointAttributes[Int(key.endpointAttribute)] == attribute:
                return name(key.endpoint).map(NRQLValue.string)
            case _ where key.queueAttribute >= 0 && AlertTuning.queueAttributes[Int(key.queueAttribute)] == attribute:
                return name(key.queue).map(NRQLValue.string)
            default:
                guard key.serviceAttribute >= 0, name(key.serviceAttribute) == attribute else { return nil }
                return name(key.service).map(NRQLValue.string)
            }
        }
    }

    /// A cell as a partial run writes it down: its names spelled out, since each run numbers
    /// its names in the order it met them.
    package struct ExportedCell: Codable, Sendable {
        package var windowStart: Int64
        package var service: String
        package var serviceAttribute: String?
        package var billerId: String?
        package var sourceId: String?
        package var errorClass: String?
        package var category: Int8
        package var severity: Int8
        package var duration: Int8
        package var stale: Bool
        package var endpointAttribute: Int8
        package var endpoint: String?
        package var queueAttribute: Int8
        package var queue: String?
        package var count: Int

        package init(windowStart: Int64, service: String, serviceAttribute: String?, billerId: String?, sourceId: String?,
                     errorClass: String?, category: Int8, severity: Int8, duration: Int8, stale: Bool,
                     endpointAttribute: Int8, endpoint: String?, queueAttribute: Int8, queue: String?, count: Int) {
            (self.windowStart, self.service, self.serviceAttribute, self.billerId) = (windowStart, service, serviceAttribute, billerId)
            (self.sourceId, self.errorClass, self.category, self.severity) = (sourceId, errorClass, category, severity)
            (self.duration, self.stale, self.endpointAttribute, self.endpoint) = (duration, stale, endpointAttribute, endpoint)
            (self.queueAttribute, self.queue, self.count) = (queueAttribute, queue, count)
        }
    }

    /// Whether an exported cell read back from a partial holds what ``add`` could have made:
    /// an edited or damaged file must not name a category, severity or attribute there is none
    /// of, nor a count or time that overflows once added up.
    package static func isPossible(_ cell: ExportedCell) -> Bool {
        (0...Int8(Category.allCases.count)).contains(cell.category) && (0...2).contains(cell.severity)
            && (0...2).contains(cell.duration)
            && (-1..<Int8(AlertTuning.endpointAttributes.count)).contains(cell.endpointAttribute)
            && (-1..<Int8(AlertTuning.queueAttributes.count)).contains(cell.queueAttribute)
            && (0...StoredCount.maximum).contains(cell.count)
            && cell.windowStart.magnitude <= UInt64(Int64.max / 1000) // a record's time in seconds
    }

    /// The distinct endpoint or queue values a service showed for one attribute (hashed).
    package struct ExportedSubjectValues: Codable, Sendable {
        var service: String
        var group: Int8
        var attribute: Int8
        var hashes: [UInt64]
    }

    /// Each cell with its names spelt out, in cell order, one at a time: a partial writes them
    /// as they come, where an array of them all (eight strings a cell) held tens of megabytes.
    package func forEachExportedCell(_ body: (ExportedCell) throws -> Void) rethrows {
        for cell in cells {
            let key = cell.key
            try body(ExportedCell(windowStart: key.windowStart, service: names.name(key.service) ?? RecordFacts.noService,
                                serviceAttribute: names.name(key.serviceAttribute), billerId: names.name(key.billerId),
                                sourceId: names.name(key.sourceId), errorClass: names.name(key.errorClass),
                                category: key.category, severity: key.severity, duration: key.duration, stale: key.stale,
                                endpointAttribute: key.endpointAttribute, endpoint: names.name(key.endpoint),
                                queueAttribute: key.queueAttribute, queue: names.name(key.queue), count: cell.count))
        }
    }

    package var exportedSubjectValues: [ExportedSubjectValues] {
        subjectValues.map { key, hashes in
            ExportedSubjectValues(service: names.name(key.service) ?? RecordFacts.noService, group: key.group,
                                  attribute: key.attribute, hashes: hashes.sorted())
        }.sorted { ($0.service, $0.group, $0.attribute) < ($1.service, $1.group, $1.attribute) }
    }

    /// Takes in a cell of another run (a partial run's); cells come in the order a single run
    /// would have met them. Returns the cell's position here.
    @discardableResult
    package mutating func absorb(_ cell: ExportedCell) -> Int32 {
        let service = names.index(cell.service)
        var key = Cell.Key(windowStart: cell.windowStart, service: service, serviceAttribute: names.index(cell.serviceAttribute),
                           billerId: names.index(cell.billerId), sourceId: names.index(cell.sourceId),
                           errorClass: names.index(cell.errorClass), category: cell.category, severity: cell.severity,
                           duration: cell.duration, stale: cell.stale)
        key.endpointAttribute = cell.endpointAttribute
        key.endpoint = cell.endpoint.map { names.index($0) } ?? -1
        key.queueAttribute = cell.queueAttribute
        key.queue = cell.queue.map { names.index($0) } ?? -1
        let position = cellIndex(key)
        cells[Int(position)].count += cell.count
        return position
    }

    package mutating func absorb(_ values: ExportedSubjectValues) {
        let key = SubjectAttributeKey(service: names.index(values.service), group: values.group, attribute: values.attribute)
        var mine = subjectValues[key] ?? []
        for hash in values.hashes where mine.count <= facetLimit { mine.insert(hash) }
        subjectValues[key] = mine
    }

    package mutating func absorb(untimedRecords: Int) {
        self.untimedRecords += untimedRecords
    }
}
