/// Which attribute paths a run keeps and how they map to canonical fields.
///
/// Built once per run from the alias lists and any extra attributes later stages need
/// (for example attributes named in alert conditions); the scanner looks paths up in its
/// table, and records resolve canonical fields through `aliasSlots`.
public struct RecordSchema: Sendable {
    /// Ordered aliases per canonical field.
    public let aliases: [CanonicalField: [String]]
    /// Attribute paths kept besides the aliases, in the order asked for.
    public let extraAttributes: [String]
    let table: FieldPathTable
    /// For each canonical field (by `index`), the slots of its aliases in alias order.
    let aliasSlots: [[Int32]]
    /// Slot of `msg`, read only inside a JSON message as its human text.
    let embeddedTextSlot: Int32
    /// Slot of `eventType`, read only to set New Relic's `NrAiIncident` events apart from
    /// log records (an NRQL export of incidents can sit among the log files).
    let eventTypeSlot: Int32

    /// Creates a schema; fields missing from `aliases` keep no attribute.
    public init(aliases: [CanonicalField: [String]], extraAttributes: [String] = []) {
        self.aliases = aliases
        self.extraAttributes = extraAttributes
        var paths: [String] = []
        for field in CanonicalField.allCases { paths += aliases[field] ?? [] }
        paths += extraAttributes
        paths.append("msg")
        paths.append(Self.eventTypePath)
        let table = FieldPathTable(paths: paths)
        self.table = table
        aliasSlots = CanonicalField.allCases.map { field in
            (aliases[field] ?? []).compactMap { table.slot(of: $0).map(Int32.init) }
        }
        embeddedTextSlot = Int32(table.slot(of: "msg")!)
        eventTypeSlot = Int32(table.slot(of: Self.eventTypePath)!)
    }

    /// The attribute that names an event's type in New Relic exports.
    static let eventTypePath = "eventType"

    /// The slots of `field`'s aliases, in alias order: where a record may carry it.
    public func slots(of field: CanonicalField) -> [Int] { aliasSlots[field.index].map(Int.init) }

    /// The slot holding `path`, for reading extra attributes from a record.
    public func slot(ofAttribute path: String) -> Int? { table.slot(of: path) }

    /// Every kept attribute path, in slot order.
    public var keptPaths: [String] { table.paths }
}
