import LogTriageIngest

/// Where each attribute a condition names is read from in a scanned record, resolved once
/// per schema so evaluating a record costs one dictionary lookup per attribute.
///
/// An attribute that is one of a canonical field's aliases (`level`, `log.level`,
/// `entity.name`, `billerId`, …) reads the canonical, normalised value: LogTriage's view of
/// the record, whichever alias carried it. Any other attribute reads its own kept slot,
/// so the schema must list the query's attributes in `extraAttributes`.
///
/// A class: every record read through it (``RecordViewNRQL``) holds it, and copying a
/// reference costs one count where the schema's arrays would cost one each.
public final class NRQLAttributeBinding: Sendable {
    enum Source: Sendable {
        /// A canonical field, with the attribute's own slot (for telling which alias a
        /// record carries).
        case canonical(CanonicalField, slot: Int?)
        case slot(Int)
    }

    public let schema: RecordSchema
    private let sources: [String: Source]

    public init(schema: RecordSchema) {
        self.schema = schema
        var sources: [String: Source] = [:]
        for path in schema.extraAttributes {
            if let slot = schema.slot(ofAttribute: path) { sources[path] = .slot(slot) }
        }
        for field in CanonicalField.allCases {
            for alias in schema.aliases[field] ?? [] {
                sources[alias] = .canonical(field, slot: schema.slot(ofAttribute: alias))
            }
        }
        self.sources = sources
    }

    func source(of attribute: String) -> Source? { sources[attribute] }

    /// `attribute` resolved to where records carry it: what a compiled condition holds, so
    /// reading a record costs no lookup by name.
    public func bind(_ attribute: String) -> NRQLBoundAttribute {
        NRQLBoundAttribute(name: attribute, source: sources[attribute])
    }

    /// The canonical field `attribute` is an alias of, if any.
    public func canonicalField(of attribute: String) -> CanonicalField? {
        if case let .canonical(field, _) = sources[attribute] { return field }
        return nil
    }

    /// The attributes of `query` that are aliases of canonical fields, each with the
    /// field's other aliases: where LogTriage reads any alias and New Relic reads only the
    /// name written, so records carrying only another alias escape the real condition.
    public func aliasUses(in query: NRQLQuery) -> [NRQLAliasUse] {
        query.attributes.compactMap { attribute in
            guard let field = canonicalField(of: attribute) else { return nil }
            let others = (schema.aliases[field] ?? []).filter { $0 != attribute }
            return NRQLAliasUse(attribute: attribute, field: field, otherAliases: others)
        }
    }
}

/// A query attribute that names one alias of a canonical field.
public struct NRQLAliasUse: Sendable, Hashable {
    /// The attribute as the query writes it (`level`).
    public var attribute: String
    /// The canonical field it is an alias of.
    public var field: CanonicalField
    /// The field's other aliases (`log.level`, `severity`): New Relic does not read these
    /// for this condition.
    public var otherAliases: [String]

    public init(attribute: String, field: CanonicalField, otherAliases: [String]) {
        self.attribute = attribute
        self.field = field
        self.otherAliases = otherAliases
    }
}

/// An attribute resolved once against a schema (``NRQLAttributeBinding/bind(_:)``): its
/// canonical field and own slot, its kept slot, or nothing when the schema keeps no such
/// attribute (every record then lacks it).
public struct NRQLBoundAttribute: Sendable {
    /// The attribute as the query writes it.
    public let name: String
    let source: NRQLAttributeBinding.Source?

    /// Whether the attribute is read through the canonical level, which is normalised
    /// (`warning` reads `WARN`).
    var readsLevel: Bool {
        if case .canonical(.level, _)? = source { return true }
        return false
    }
}
