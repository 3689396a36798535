import Foundation
import LogTriageBasics
import LogTriageIngest
import LogTriageModel
import LogTriageAnalysis

/// Replays the team's alert conditions record by record while a run reads, and tallies the
/// signal cube the proposals are backtested on.
///
/// Per condition it keeps the aggregate of every window and facet value, the clustered
/// records among what it counted (for judging incidents), and how many records New Relic
/// would not have counted because they carry a canonical field only under another alias or
/// case. Stale-invoice verdicts arrive only after the stream; the records they concern wait
/// in a side spool (one row per matched failure, in reference order), so memory holds
/// windows and facet values, never records.
package final class AlertStage: RecordStage {
    let conditions: [AlertCondition]
    /// Per condition: its parsed query, nil when it is refused.
    let queries: [NRQLQuery?]
    /// Per condition: why it is not backtested (another event type than logs, a BASELINE
    /// threshold, a query that does not parse…), nil when it is. A refused condition is
    /// listed in the review with this reason; the others are reviewed as usual.
    let refusals: [ConditionRefusal?]
    private let binding: NRQLAttributeBinding
    /// Per condition: its query compiled against the run's schema, nil when it is refused.
    private let compiled: [NRQLCompiledQuery?]
    /// ``compiled``, each lent to a record's reading without a retain (the array keeps them):
    /// taken out of ``compiled``, every query was retained twice and released twice around
    /// every record (4% of the stages' thread in a profile of the bench week with the sample's
    /// five conditions).
    private let unretainedCompiled: [Unmanaged<NRQLCompiledQuery>?]
    /// Per condition: the canonical aliases its query names, bound (see ``NRQLAliasUse``).
    private let boundAliasUses: [[NRQLBoundAttribute]]
    /// Per condition: the attributes its SELECT's aggregates read, bound.
    private let selectAttributes: [[NRQLBoundAttribute]]
    /// Which conditions each record may pass, from the equalities their WHEREs open with.
    private var leadingEqualities: LeadingEqualityIndex
    var store: WindowAggregationStore<ConditionWindow>
    var cube: SignalCube
    /// Per condition: records it counted that New Relic, reading attributes as written, would not.
    var aliasMisses: [Int]
    /// Per condition: for those records, how each aliased attribute was really carried
    /// (`level` → `log.level`, or `level` → `level` when only the case differs), with counts.
    var aliasCarriers: [[AliasCarrier: Int]]
    private let aliasUses: [[NRQLAliasUse]]
    /// Per condition: records that passed the WHERE but lack a FACET attribute.
    var unfacetedRecords: [Int]
    /// Per condition: clustered records it counted, by service and `Category.allCases` index.
    var matchedByService: [[String: [Int]]]
    /// Clustered records per failure subject (service, biller, category) and provisional
    /// cluster, for the chronic failures' clusters and first and last times.
    var subjectClusters: [FailureSubject: SubjectClusters] = [:]
    /// Per cube cell, the file of its first record (for a partial run).
    var cellFirstFiles: [Int] = []
    /// Per condition: its facet values, interned; the ids are what the stale follow-ups keep.
    var facetTables: [InternedTexts]
    /// Per condition, the window a new one starts as (a copy is cheaper than reading the
    /// query's SELECT again for each); an unfaceted count for a refused condition.
    private let emptyWindows: [ConditionWindow]
    /// The conditions the store kept when this stage last looked (``forgetConditionsLetGo()``).
    private var conditionsKept: Int
    /// The bytes of the facet value being read, reused from record to record.
    private var facetKey: [UInt8] = []
    /// Error classes seen, interned, so the cube is handed a string built once per class (it
    /// keeps every class's name itself, so this holds no more than the cube does).
    private var errorClasses = InternedTexts()
    /// Per matched invoice failure: condition (-1 for the cube), facet name index or cube
    /// cell, window start and category index, for the stale verdicts to move at the end.
    let followUps: StaleFollowUps
    private let serviceAliases: [String]
    /// Per condition: its delay reduced to its step, in ms (see ``ConditionWindow/firstFlowRecord``).
    private let flowOffsets: [Int64]
    /// The schema's slots of ``AlertTuning/endpointAttributes`` and ``AlertTuning/queueAttributes``
    /// (nil where it keeps no such path), for the cube's endpoint and queue of a failure.
    private let endpointSlots: [Int?]
    private let queueSlots: [Int?]
    /// Every slot the stage reads: the conditions' attributes (a canonical field's through all
    /// its aliases), the service and error class, the endpoint and queue attributes.
    package let recordSlots: Set<Int>?

    package init(conditions: [AlertCondition], schema: RecordSchema, slowThresholdMs: Int,
                 windowBudget: Int) throws {
        self.conditions = conditions
        var queries: [NRQLQuery?] = []
        var refusals: [ConditionRefusal?] = []
        for condition in conditions {
            switch ConditionRefusal.check(condition) {
            case let .success(query):
                queries.append(query)
                refusals.append(nil)
            case let .failure(refusal):
                queries.append(nil)
                refusals.append(refusal)
            }
        }
        self.queries = queries
        self.refusals = refusals
        let binding = NRQLAttributeBinding(schema: schema)
        self.binding = binding
        aliasUses = queries.map { $0.map { binding.aliasUses(in: $0) } ?? [] }
        compiled = queries.map { $0.map { NRQLCompiledQuery($0, binding: binding) } }
        unretainedCompiled = compiled.map { $0.map(Unmanaged.passUnretained) }
        leadingEqualities = LeadingEqualityIndex(predicates: compiled.map { $0?.predicate })
        boundAliasUses = aliasUses.map { $0.map { binding.bind($0.attribute) } }
        selectAttributes = queries.map { query in
            var names: [String] = []
            for name in query?.select.aggregates.flatMap(\.attributes) ?? [] where !names.contains(name) { names.append(name) }
            return names.map(binding.bind)
        }
        facetTables = Array(repeating: InternedTexts(), count: conditions.count)
        conditionsKept = conditions.count
        emptyWindows = conditions.indices.map { index in
            ConditionWindow(queries[index]?.select ?? .aggregate(.count), windowSeconds: conditions[index].windowSeconds)
        }
        aliasCarriers = Array(repeating: [:], count: conditions.count)
        // Windows are kept at the step of evaluation (the slide, else the window), so a
        // sliding window is the merge of its steps.
        // A refused condition's settings are not used at all: they may be out of any range.
        let usable = conditions.indices.map { refusals[$0] == nil ? conditions[$0] : nil }
        store = WindowAggregationStore(windowSeconds: usable.map {
            $0.map { $0.slideBySeconds ?? $0.windowSeconds } ?? AlertCondition.defaultWindowSeconds
        }, storageBudget: windowBudget)
        cube = SignalCube(slowThresholdMs: slowThresholdMs)
        aliasMisses = Array(repeating: 0, count: conditions.count)
        unfacetedRecords = Array(repeating: 0, count: conditions.count)
        matchedByService = Array(repeating: [:], count: conditions.count)
        serviceAliases = schema.aliases[.service] ?? []
        flowOffsets = usable.map { condition in
            condition.map {
                Int64($0.effectiveDelaySeconds) * 1000 % (Int64(max(1, $0.slideBySeconds ?? $0.windowSeconds)) * 1000)
            } ?? 0
        }
        followUps = try StaleFollowUps(purpose: "stale-alerts")
        endpointSlots = AlertTuning.endpointAttributes.map { schema.slot(ofAttribute: $0) }
        queueSlots = AlertTuning.queueAttributes.map { schema.slot(ofAttribute: $0) }
        var slots = Set(schema.slots(of: .service) + schema.slots(of: .errorClass))
        slots.formUnion((endpointSlots + queueSlots).compactMap { $0 })
        for query in queries.compactMap({ $0 }) {
            for attribute in query.attributes {
                switch binding.source(of: attribute) {
                case let .canonical(field, _)?: slots.formUnion(schema.slots(of: field))
                case let .slot(slot)?: slots.insert(slot)
                case nil: break
                }
            }
        }
        recordSlots = slots
    }

    /// The attributes the conditions read, and the endpoint and queue attributes proposals may
    /// facet by, for the record schema to keep.
    /// Clears what the conditions the store let go of had counted besides their windows, so
    /// that no review reads a part of their records (which failures they cover, alias misses).
    func forgetConditionsLetGo() {
        for index in store.conditionsKept..<conditionsKept {
            matchedByService[index] = [:]
            aliasMisses[index] = 0
            aliasCarriers[index] = [:]
            unfacetedRecords[index] = 0
        }
        conditionsKept = store.conditionsKept
    }

    /// Why a condition is not replayed: its own refusal, or the store let go of it.
    func refusal(of index: Int) -> ConditionRefusal? {
        if let refusal = refusals[index] { return refusal }
        return store.isOverBudget(condition: index) ? .overStorageBudget(units: store.storageBudget) : nil
    }

    package static func attributes(of conditions: [AlertCondition]) -> [String] {
        var names: [String] = []
        for condition in conditions {
            guard case let .success(query) = ConditionRefusal.check(condition) else { continue }
            for name in query.attributes where !names.contains(name) { names.append(name) }
        }
        for name in AlertTuning.endpointAttributes + AlertTuning.queueAttributes where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// Conditions read any attribute of the record.
    package var readsRecordView: Bool { true }

    /// The first of `slots` the record carries a scalar value in.
    private static func subject(_ view: RecordView, slots: [Int?]) -> SignalCube.SubjectValue? {
        for (position, slot) in slots.enumerated() {
            // Most records hold none of them: looked at in place before one is read.
            guard let slot, view.holds(slot: slot), let value = view.attribute(slot: slot) else { continue }
            guard value.kind == .string || value.kind == .number, !value.bytes.isEmpty else { continue }
            return SignalCube.SubjectValue(attribute: position, bytes: value.bytes)
        }
        return nil
    }

    /// Conditions need the record: a stage that reads it is always handed it beside the context.
    package func consume(_: borrowing RecordContext) throws {
        throw StageWiringError.viewMissing(stage: "alert conditions")
    }

    /// Counts one record, read through `view`, in every condition it matches and in the cube.
    package func consume(_ context: borrowing RecordContext, view: RecordView) throws {
        // The facts are read in place: a copy of them would retain each of their strings.
        let placement = context.placement, time = context.facts.time, service = context.facts.service
        let staleReference = context.invoiceFailure
        let record = RecordViewNRQL(view, binding: binding)
        leadingEqualities.read(record)
        // Each query is taken out once per record and lent to the condition's reading, which
        // then reads its predicates without retaining them around every test.
        for index in unretainedCompiled.indices where leadingEqualities.mayPass(condition: index) {
            guard let query = unretainedCompiled[index], !store.isOverBudget(condition: index) else { continue }
            try query._withUnsafeGuaranteedRef { query in
                try consume(record, condition: index, query: query, time: time, service: service, placement: placement,
                            staleReference: staleReference)
            }
        }
        if store.conditionsKept < conditionsKept { forgetConditionsLetGo() }
        let alias = view.value(.service)?.aliasIndex
        let names = context.names
        let cell = cube.add(time: time, service: .init(id: names.service, name: service),
                            serviceAttribute: .init(id: alias.map(Int32.init) ?? -1, name: alias.map { serviceAliases[$0] }),
                            billerId: .init(id: names.billerId, name: context.facts.billerId),
                            sourceId: .init(id: names.sourceId, name: context.facts.sourceId), errorClass: errorClass(view),
                            category: placement?.category, severity: context.severity, durationMs: context.facts.durationMs,
                            endpoint: Self.subject(view, slots: endpointSlots), queue: Self.subject(view, slots: queueSlots))
        if let cell, Int(cell) == cellFirstFiles.count { cellFirstFiles.append(context.file) }
        if let placement, let time {
            subjectClusters[FailureSubject(service: service, billerId: context.facts.billerId,
                                           category: placement.category),
                            default: SubjectClusters()].add(cluster: placement.provisional, time: time)
        }
        if let cell, let staleReference {
            // The cube's rows carry the provisional cluster where the others carry a window.
            try followUps.append(staleReference, -1, Int64(cell), Int64(placement?.provisional ?? -1))
        }
    }

    /// The record's error class, its text built once per distinct class (a week holds few).
    private func errorClass(_ view: RecordView) -> SignalCube.IdentifiedName {
        guard let value = view.value(.errorClass) else { return .init(id: -1, name: nil) }
        let (id, text) = errorClasses.internedText(value.bytes)
        return .init(id: id, name: text)
    }

    private func consume(_ record: RecordViewNRQL, condition index: Int, query: NRQLCompiledQuery, time: Int64?, service: String,
                         placement: ErrorClusterer.Placement?, staleReference: Int64?) throws {
        if query.predicate?.evaluate(record) == false { return }
        // The records a filter() or percentage() counts are those passing its inner WHERE.
        let counted = query.passesInner(record)
        if counted, boundAliasUses[index].contains(where: { record.readsDifferentlyAsWritten($0) }) {
            noteAliasMiss(record, condition: index, query)
        }
        var facet = WindowAggregationStore<ConditionWindow>.noFacet
        var facetID: Int32 = -1
        if query.isFaceted {
            guard query.facetKey(record, into: &facetKey) else {
                unfacetedRecords[index] += 1
                return
            }
            if let (id, text) = facetTables[index].existingText(facetKey) {
                facetID = id
                facet = text
            } else {
                facet = String(decoding: facetKey, as: UTF8.self)
            }
        }
        guard let time else { return }
        let window = WindowSeries.windowStart(ofMilliseconds: time, windowSeconds: store.windowSeconds(condition: index))
        let countsInner = query.innerPredicate != nil
        let kept = store.update(condition: index, facet: facet, timestamp: time,
                                initial: emptyWindows[index]) { cell in
            if countsInner {
                cell.add(passingInner: counted)
            } else {
                cell.add(record.prebinding(selectAttributes[index]), time: time)
            }
            cell.noteTime(time, flowFrom: window * 1000 + flowOffsets[index])
            if counted, let category = placement?.category { cell.addClustered(category) }
        }
        guard kept else { return }
        // Interned once the store keeps the value, so the table holds no more than the store,
        // and with the store's key as its text, so the two share one string.
        if query.isFaceted && facetID < 0 { facetID = facetTables[index].intern(facetKey, text: facet) }
        guard counted, let placement else { return }
        matchedByService[index][service, default: Array(repeating: 0, count: Category.allCases.count)][
            placement.category.index] += 1
        if let staleReference {
            try followUps.append(staleReference, Int64(index), Int64(facetID), window, Int64(placement.category.index))
        }
    }

    /// Counts `record` (which LogTriage's reading counts) among the condition's alias misses
    /// when New Relic, reading its attributes as written, would not count it.
    private func noteAliasMiss(_ record: RecordViewNRQL, condition index: Int, _ query: NRQLCompiledQuery) {
        let literal = RecordViewNRQL(record.view, binding: binding, asWritten: true)
        guard !(query.passesWhere(literal) && query.passesInner(literal)) else { return }
        aliasMisses[index] += 1
        for use in aliasUses[index] {
            guard let value = record.view.value(use.field) else { continue }
            let carrier = value.aliasIndex.flatMap { binding.schema.aliases[use.field]?[$0] } ?? use.attribute
            if carrier != use.attribute || literal.value(of: use.attribute) != record.value(of: use.attribute) {
                aliasCarriers[index][AliasCarrier(attribute: use.attribute, carriedAs: carrier), default: 0] += 1
            }
        }
    }

    static func innerPredicate(_ query: NRQLQuery) -> NRQLPredicate? {
        NRQLCompiledQuery.innerPredicate(of: query)
    }

    /// Moves the windows' and the cube's stale failures out of their recent counts (and the
    /// failure subjects' clusters, for the chronic failures).
    package func finish(stale: StaleVerdicts) throws {
        for part in 0..<finishParts { try finish(stale: stale, part: part) }
    }

    /// The cube's part (the cube and the failure subjects) and the conditions' part (their
    /// windows) change none of each other's state: each walks the follow-ups on its own.
    package var finishParts: Int { 2 }

    package func finish(stale: StaleVerdicts, part: Int) throws {
        let cubePart = part == 0
        try followUps.forEachStale(in: stale) { row in
            let (condition, facet, window, category) = row.values
            guard (condition < 0) == cubePart else { return }
            if cubePart {
                if let subject = cube.markStale(cell: Int32(facet)), window >= 0 {
                    subjectClusters[subject]?.clusters[Int(window), default: 0] -= 1
                }
            } else {
                // The table's texts read where they are: a call into the table copied it, with
                // each of its arrays, for every stale row.
                let text = facet < 0 ? WindowAggregationStore<ConditionWindow>.noFacet
                    : facetTables[Int(condition)].texts[Int(facet)]
                store.modify(condition: Int(condition), facet: text, windowStart: window) { $0.markStale(Category.allCases[Int(category)]) }
            }
        }
    }
}

/// How a record carried the value a condition's attribute names: under another alias, or
/// under the same name in another case (`carriedAs == attribute`).
struct AliasCarrier: Hashable, Sendable, Codable {
    var attribute: String
    var carriedAs: String
}
