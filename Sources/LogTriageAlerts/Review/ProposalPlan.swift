import LogTriageModel
import LogTriageAnalysis

/// What one proposal covers, read off the signal cube: a service's recent actionable
/// failures of one tier, the exception classes and attributes that name them, and the
/// attribute to facet by.
struct ProposalPlan {
    var service: String
    var tier: Tier
    /// Recent failures per targeted category.
    var recent: [Category: Int]
    /// `error.class` values of those failures, sorted.
    var classes: [String]
    var slow: Bool
    /// The aliases the service's records carry its name under, sorted.
    var serviceAttributes: [String]
    var facet: String?
    /// Stale-invoice failures among the service's records.
    var stale: Int
    /// Targeted failures with no `error.class`: no attribute-based condition can count them.
    var unclassed: Int
    var team: String

    var categories: Set<Category> { Set(recent.keys) }
    var recentTotal: Int { recent.values.reduce(0, +) }

    /// One plan per service and tier with enough recent actionable failures, sorted by
    /// service then tier (critical first).
    static func plans(cube: SignalCube, rules: CategoryRules, tuning: AlertTuning) -> [ProposalPlan] {
        struct Tally {
            var recent: [Category: Int] = [:]
            var classes: [Category: Set<String>] = [:]
            var unclassed: [Category: Int] = [:]
            var attributes: Set<String> = []
            var records = 0, withBiller = 0, withSource = 0, stale = 0
            var billers: Set<String> = [], sources: Set<String> = []
        }
        var tallies: [String: Tally] = [:]
        for cell in cube.cells where cell.count > 0 {
            let service = cube.service(of: cell)
            var tally = tallies[service] ?? Tally()
            tally.records += cell.count
            if let attribute = cube.serviceAttribute(of: cell) { tally.attributes.insert(attribute) }
            if let biller = cube.billerId(of: cell) {
                tally.withBiller += cell.count
                tally.billers.insert(biller)
            }
            if let source = cube.sourceId(of: cell) {
                tally.withSource += cell.count
                tally.sources.insert(source)
            }
            if cube.isStale(cell) {
                tally.stale += cell.count
            } else if let category = cube.category(of: cell), rules.policy(for: category).actionable {
                tally.recent[category, default: 0] += cell.count
                if category != .slow {
                    if let errorClass = cube.errorClass(of: cell) {
                        tally.classes[category, default: []].insert(errorClass)
                    } else {
                        tally.unclassed[category, default: 0] += cell.count
                    }
                }
            }
            tallies[service] = tally
        }
        var plans: [ProposalPlan] = []
        for service in tallies.keys.sorted() where service != RecordFacts.noService {
            let tally = tallies[service]!
            let facet: String? = if tally.billers.count >= 2 && 2 * tally.withBiller >= tally.records {
                "billerId"
            } else if tally.sources.count >= 2 && 2 * tally.withSource >= tally.records {
                "sourceId"
            } else {
                nil
            }
            for tier in Tier.allCases {
                let recent = tally.recent.filter {
                    rules.policy(for: $0.key).tier == tier && $0.value >= tuning.minimumRecentFailures
                }
                guard !recent.isEmpty else { continue }
                let classes = recent.keys.reduce(into: Set<String>()) { $0.formUnion(tally.classes[$1] ?? []) }
                let team = recent.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
                    .first.map { rules.classification(for: $0.key, service: service).team } ?? service
                plans.append(ProposalPlan(
                    service: service, tier: tier, recent: recent, classes: classes.sorted(),
                    slow: recent[.slow] != nil, serviceAttributes: tally.attributes.sorted(), facet: facet,
                    stale: tally.stale, unclassed: recent.keys.reduce(0) { $0 + (tally.unclassed[$1] ?? 0) }, team: team))
            }
        }
        return plans
    }

    /// The shapes a proposal's query can take, most wanted first.
    enum Form: Hashable {
        /// A failure ratio per value of the attribute (billerId, sourceId).
        case ratioPer(String)
        /// A failure ratio of the whole service.
        case ratio
        /// A failure count: for low volume, where a ratio of few calls would flap.
        case count
    }

    /// The forms worth trying: a ratio per facet only when the service has one.
    var forms: [Form] { (facet.map { [Form.ratioPer($0)] } ?? []) + [.ratio, .count] }

    /// The proposal's query in `form`, stale-invoice failures left out by the attribute the
    /// integration is asked to add; nil when no attribute names the targeted failures.
    func query(_ form: Form, slowThresholdMs: Int) -> NRQLQuery? {
        var failure: NRQLPredicate?
        if !classes.isEmpty { failure = .in("error.class", classes.map(NRQLValue.string), negated: false) }
        if slow {
            let latency = NRQLPredicate.comparison("durationMs", .greater, .number(Double(slowThresholdMs)))
            failure = failure.map { .or($0, latency) } ?? latency
        }
        guard let failure else { return nil }
        var scope: NRQLPredicate? = nil
        for attribute in serviceAttributes {
            let test = NRQLPredicate.comparison(attribute, .equal, .string(service))
            scope = scope.map { .or($0, test) } ?? test
        }
        if stale > 0 {
            let fresh = NRQLPredicate.isNull(SignalCube.staleAttribute, negated: false)
            scope = scope.map { .and($0, fresh) } ?? fresh
        }
        switch form {
        case let .ratioPer(attribute):
            return NRQLQuery(aggregate: .percentage(failure), predicate: scope, facets: [attribute])
        case .ratio:
            return NRQLQuery(aggregate: .percentage(failure), predicate: scope)
        case .count:
            return NRQLQuery(aggregate: .filter(failure), predicate: scope)
        }
    }
}
