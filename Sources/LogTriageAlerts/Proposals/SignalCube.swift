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
public struct SignalCube: Sendable {
    /// The cube's window: proposals use multiples of it.
    public let baseWindowSeconds: Int
    /// `durationMs` is kept only as above or not above this, so proposals compare with it exactly.
    public let slowThresholdMs: Int
    public private(set) var cells: [Cell] = []
    private var index: [Cell.Key: Int32] = [:]
    private var names = NameTable()
    /// Records without a time: they belong to no window, so no alert could count them.
    public private(set) var untimedRecords = 0

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
        }

        public var key: Key
        public var count: Int
    }

    public init(baseWindowSeconds: Int = 300, slowThresholdMs: Int) {
        self.baseWindowSeconds = baseWindowSeconds
        self.slowThresholdMs = slowThresholdMs
    }

    /// Tallies one record; returns the cell's index, which a stale verdict later names.
    @discardableResult
    mutating func add(time: Int64?, service: String, serviceAttribute: String?, billerId: String?, sourceId: String?,
                      errorClass: String?, category: Category?, severity: RecordSeverity, durationMs: Double?) -> Int32? {
        guard let time else {
            untimedRecords += 1
            return nil
        }
        let key = Cell.Key(
            windowStart: WindowSeries.windowStart(ofMilliseconds: time, windowSeconds: baseWindowSeconds),
            service: names.index(service), serviceAttribute: names.index(serviceAttribute),
            billerId: names.index(billerId), sourceId: names.index(sourceId), errorClass: names.index(errorClass),
            category: category.map { Int8($0.index + 1) } ?? 0,
            severity: severity == .error ? 2 : severity == .warning ? 1 : 0,
            duration: durationMs.map { $0 > Double(slowThresholdMs) ? 2 : 1 } ?? 0, stale: false)
        let cell = cellIndex(key)
        cells[Int(cell)].count += 1
        return cell
    }

    /// Moves one record of `cell` to the same combination judged a stale-invoice failure.
    mutating func markStale(cell: Int32) {
        var key = cells[Int(cell)].key
        guard !key.stale, cells[Int(cell)].count > 0 else { return }
        key.stale = true
        let target = cellIndex(key)
        cells[Int(cell)].count -= 1
        cells[Int(target)].count += 1
    }

    private mutating func cellIndex(_ key: Cell.Key) -> Int32 {
        if let found = index[key] { return found }
        let new = Int32(cells.count)
        cells.append(Cell(key: key, count: 0))
        index[key] = new
        return new
    }

    // MARK: reading cells

    /// The cells of `service`, for queries scoped to one service (every proposal is).
    public func cells(ofService service: String) -> [Cell] {
        guard let index = names.existingIndex(service) else { return [] }
        return cells.filter { $0.key.service == index }
    }

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
    public func record(of cell: Cell) -> CellRecord { CellRecord(cube: self, key: cell.key) }

    /// One cell read as NRQL attributes.
    public struct CellRecord: NRQLRecord {
        let cube: SignalCube
        let key: Cell.Key

        public func value(of attribute: String) -> NRQLValue? {
            switch attribute {
            case "billerId": return cube.names.name(key.billerId).map(NRQLValue.string)
            case "sourceId": return cube.names.name(key.sourceId).map(NRQLValue.string)
            case "error.class": return cube.names.name(key.errorClass).map(NRQLValue.string)
            case "durationMs":
                switch key.duration {
                case 2: return .number(Double(cube.slowThresholdMs) + 1)
                case 1: return .number(0)
                default: return nil
                }
            case SignalCube.staleAttribute: return key.stale ? .bool(true) : nil
            default:
                guard key.serviceAttribute >= 0, cube.names.name(key.serviceAttribute) == attribute else { return nil }
                return cube.names.name(key.service).map(NRQLValue.string)
            }
        }
    }
}
