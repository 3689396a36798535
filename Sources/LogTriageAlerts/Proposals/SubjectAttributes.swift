import LogTriageModel

/// What each kind of failure belongs to: per service and category, the attribute of
/// `alerts.facetBy` its failures are counted by (a biller, an endpoint, a queue), so that the
/// episodes and the proposals agree on it.
///
/// An attribute is chosen when at least nine in ten of the service's recent failures of the
/// category carry it and the service's records hold at least two of its values (one value
/// separates nothing), but no more than New Relic's facet limit: a FACET over more fails the
/// condition. The first attribute listed that qualifies wins; one skipped for the limit is
/// noted, so the proposal can say why it counts the failures together.
struct SubjectAttributes: Sendable {
    struct Kind: Hashable, Sendable {
        var service: String
        var category: Category
    }

    private var chosen: [Kind: String] = [:]
    private var skipped: [Kind: [String]] = [:]

    init() {}

    /// Reads the cube's recent actionable failures, chronic ones left out.
    /// `cells`: the cube's cells, or its ``SignalCube/totals(of:)`` (the same tallies from fewer cells).
    init(cube: SignalCube, cells: [SignalCube.Cell], actionable: (Category) -> Bool, tuning: AlertTuning,
         chronic: [ChronicFailure]) {
        var failures: [Kind: Int] = [:]
        var carrying: [Kind: [String: Int]] = [:]
        var values: [String: [String: Set<String>]] = [:]
        for cell in cells where cell.count > 0 {
            let service = cube.service(of: cell)
            if let biller = cube.billerId(of: cell) { values[service, default: [:]]["billerId", default: []].insert(biller) }
            if let source = cube.sourceId(of: cell) { values[service, default: [:]]["sourceId", default: []].insert(source) }
            guard !cube.isStale(cell), let category = cube.category(of: cell), actionable(category),
                  let candidates = tuning.subjectAttributes[category], !candidates.isEmpty,
                  !chronic.contains(service: service, billerId: cube.billerId(of: cell), category: category) else { continue }
            let kind = Kind(service: service, category: category)
            failures[kind, default: 0] += cell.count
            let record = cube.record(of: cell)
            for attribute in candidates where record.value(of: attribute) != nil {
                carrying[kind, default: [:]][attribute, default: 0] += cell.count
            }
        }
        for (kind, count) in failures {
            for attribute in tuning.subjectAttributes[kind.category] ?? [] {
                let carried = carrying[kind]?[attribute] ?? 0
                let distinct = cube.subjectValueCount(service: kind.service, attribute: attribute)
                    ?? values[kind.service]?[attribute]?.count ?? 0
                if distinct > cube.facetLimit {
                    if carried > 0 {
                        skipped[kind, default: []].append("not counted per \(attribute): \(kind.service)'s records hold more than \(cube.facetLimit) of its values, New Relic's facet limit")
                    }
                    continue
                }
                guard 10 * carried >= 9 * count, distinct >= 2 else { continue }
                chosen[kind] = attribute
                break
            }
        }
    }

    /// The attribute the service's failures of `category` belong to, nil for failures of the
    /// service as a whole.
    func attribute(service: String, category: Category) -> String? {
        chosen[Kind(service: service, category: category)]
    }

    /// Why the service's failures of `category` are not counted per an attribute they carry.
    func notes(service: String, category: Category) -> [String] {
        skipped[Kind(service: service, category: category)] ?? []
    }
}
