import LogTriageBasics
import LogTriageIngest

/// A pipeline record read as NRQL attributes, without copying the record.
///
/// Valid only while its `RecordView` is (during the reader's callback). Canonical aliases
/// read the normalised canonical value (`level` and `log.level` both read the upper-cased
/// level of `view.level`); other attributes read their kept slot. JSON numbers become
/// `.number`, strings `.string`, booleans `.bool`; null reads as absent, and an object or
/// array (kept only when a condition names a non-leaf path) as its JSON text.
public struct RecordViewNRQL: NRQLRecord {
    public let view: RecordView
    public let binding: NRQLAttributeBinding
    /// Whether attributes read as written (New Relic's reading) instead of through the
    /// canonical field.
    public let asWritten: Bool
    /// Attributes bound ahead, found by name before the binding's table: those a condition's
    /// aggregates read by name on every record they count (``prebinding(_:)``).
    private var prebound: [NRQLBoundAttribute] = []

    /// `asWritten` reads every attribute from its own slot, as New Relic would: an alias
    /// reads nothing when the record carries another alias, and a level keeps its case.
    /// Comparing both readings finds the records a real condition would miss.
    public init(_ view: RecordView, binding: NRQLAttributeBinding, asWritten: Bool = false) {
        self.view = view
        self.binding = binding
        self.asWritten = asWritten
    }

    public func value(of attribute: String) -> NRQLValue? { value(bound(attribute)) }

    /// `attribute` bound: ahead, or by the binding's table.
    private func bound(_ attribute: String) -> NRQLBoundAttribute {
        for bound in prebound where bound.name == attribute { return bound }
        return binding.bind(attribute)
    }

    /// The same record, reading `attributes` without looking their names up in the binding:
    /// an `average(durationMs)` asked the binding's table for `durationMs` on every record.
    func prebinding(_ attributes: [NRQLBoundAttribute]) -> RecordViewNRQL {
        var record = self
        record.prebound = attributes
        return record
    }

    /// The value of an attribute bound to this record's schema.
    public func value(_ attribute: NRQLBoundAttribute) -> NRQLValue? {
        switch reading(attribute) {
        case .absent: nil
        case let .level(level): .string(level)
        case let .value(value): Self.value(value)
        }
    }

    /// What an attribute reads in this record, before it becomes an ``NRQLValue``: the
    /// normalised level, a kept value (never JSON null), or nothing.
    enum Reading {
        case absent
        case level(String)
        case value(RecordView.Value)
    }

    func reading(_ attribute: NRQLBoundAttribute) -> Reading { reading(attribute.source) }

    /// ``reading(_:)`` of where an attribute is bound to.
    func reading(_ source: NRQLAttributeBinding.Source?) -> Reading {
        let raw: RecordView.Value?
        switch source {
        case let .canonical(_, slot)? where asWritten:
            raw = slot.flatMap { view.attribute(slot: $0) }
        case .canonical(.level, _)?:
            return view.level.map(Reading.level) ?? .absent
        case let .canonical(field, _)?:
            raw = view.value(field)
        case let .slot(slot)?:
            raw = view.attribute(slot: slot)
        case nil:
            return .absent
        }
        guard let raw, raw.kind != .null else { return .absent }
        return .value(raw)
    }

    /// Compares the value's bytes with the literal's, building no string. Bytes that differ
    /// outside ASCII are compared as strings after all, as `value(of:)` would: Swift compares
    /// strings by canonical equivalence.
    public func match(_ attribute: String, string literal: String) -> NRQLStringMatch {
        match(bound(attribute), NRQLStringLiteral(literal))
    }

    /// ``match(_:string:)`` for a bound attribute and a literal whose bytes are ready.
    public func match(_ attribute: NRQLBoundAttribute, _ literal: NRQLStringLiteral) -> NRQLStringMatch {
        Self.match(reading(attribute), literal)
    }

    /// ``match(_:_:)`` of an attribute read already, for testing several literals on one reading.
    static func match(_ reading: Reading, _ literal: NRQLStringLiteral) -> NRQLStringMatch {
        switch reading {
        case .absent: return .absent
        case let .level(level): return level == literal.text ? .equal : .different
        case let .value(raw):
            guard raw.kind == .string || raw.kind == .object || raw.kind == .array else { return .notAString }
            return literal.equals(raw.bytes) ? .equal : .different
        }
    }

    /// Whether the record carries `attribute`'s canonical field only under another alias,
    /// so New Relic, reading `attribute` literally, would not see the value LogTriage reads
    /// (a record with `log.level` alone, for a condition on `level`). False for attributes
    /// that are not canonical aliases.
    public func carriesOnlyOtherAlias(of attribute: String) -> Bool {
        guard case let .canonical(field, slot)? = binding.source(of: attribute),
              view.value(field) != nil else { return false }
        guard let slot else { return true }
        return view.attribute(slot: slot).map { $0.kind == .null } ?? true
    }

    /// Whether reading `attribute` as written could give another value than LogTriage's
    /// reading: the record carries the field under another alias, or (for the level) in
    /// another spelling. False for attributes that are not canonical aliases. A cheap test
    /// that spares evaluating a condition twice for the common record.
    public func readsDifferentlyAsWritten(_ attribute: String) -> Bool {
        readsDifferentlyAsWritten(binding.bind(attribute))
    }

    /// ``readsDifferentlyAsWritten(_:)`` of a bound attribute.
    public func readsDifferentlyAsWritten(_ attribute: NRQLBoundAttribute) -> Bool {
        guard case let .canonical(field, slot)? = attribute.source, let canonical = view.value(field) else {
            return false
        }
        guard let slot, let written = view.attribute(slot: slot), written.kind != .null else { return true }
        if field == .level {
            return written.kind != .string || view.level.map { !written.bytes.elementsEqual($0.utf8) } ?? true
        }
        return !ByteSearch.same(written.bytes, canonical.bytes)
    }

    static func value(_ value: RecordView.Value) -> NRQLValue? {
        switch value.kind {
        case .string:
            return .string(value.text)
        case .number:
            return DecimalText.value(value.bytes).map(NRQLValue.number) ?? .string(value.text)
        case .bool:
            return .bool(value.bytes.first == UInt8(ascii: "t"))
        case .null:
            return nil
        case .object, .array:
            return .string(value.text)
        }
    }
}
