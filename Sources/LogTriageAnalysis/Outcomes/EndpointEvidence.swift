import LogTriageModel
import LogTriageBasics

/// Finds biller integrations whose every call fails the same way for a stretch of time while
/// the service's other billers succeed (``EndpointFinding``): evidence about the endpoint that no
/// single message carries, since each failure alone reads like bad data (`404` for one invoice).
///
/// Fed one call at a time: a record with a `billerId` that states its outcome (an `outcome`
/// field or an HTTP status), or an error record. Calls are counted per (service, biller) in
/// 15-minute slots (successes; failures per cluster with their category and statuses), so the
/// verdict does not depend on the order records or files are read in. A stretch is a run of
/// consecutive slots with calls and no success. Memory is bounded by billers × slots of a week
/// and, for slots with failures, by the clusters they fail in; never by records.
public struct EndpointEvidence: Sendable {
    struct Key: Hashable, Sendable {
        let service: String
        let billerId: String
    }

    struct ClusterFailures: Sendable {
        var count = 0
        var statuses: [Int: Int] = [:]
        /// The category its records were placed in: failures of one category fail "the same
        /// way" even when they fall in several clusters (a GET and a POST to the same host).
        var category: Category?

        /// Counts a failure; its status too while fewer than eight statuses are kept, or one of them.
        mutating func add(status: Int?) {
            count += 1
            guard let status else { return }
            if statuses.count < 8 || statuses[status] != nil { statuses[status, default: 0] += 1 }
        }
    }

    /// One slot of one integration with failures.
    struct Slot: Sendable {
        var failures = 0
        var firstFailure = Int64.max
        var lastFailure = Int64.min
        /// Failures per provisional cluster (-1: a failure no cluster holds).
        var byCluster: [Int: ClusterFailures] = [:]

        /// Changed where it is stored, each dictionary looked up once: this runs on every failed
        /// biller call.
        mutating func addFailure(time: Int64, cluster: Int?, category: Category?, status: Int?) {
            failures += 1
            firstFailure = min(firstFailure, time)
            lastFailure = max(lastFailure, time)
            byCluster[cluster ?? -1, default: ClusterFailures(category: cluster == nil ? nil : category)].add(status: status)
        }
    }

    /// The length of a slot: the precision of a stretch's start and end.
    public static let slotMilliseconds: Int64 = 15 * 60_000

    /// Failures a stretch needs before it says anything about the endpoint.
    public let minimumFailures: Int
    /// Share of a stretch's failures that must be of one category ("the same way").
    public let sameWayShare: Double
    /// Failure slots per integration, mutated in place.
    private var slots: [[Int64: Slot]] = []
    /// Successes per slot and integration: apart, since most slots of most billers have only these.
    private var successes: [[Int64: Int32]] = []
    private var keys: [Key] = []
    private var index: [Key: Int] = [:]

    public init(minimumFailures: Int = 10, sameWayShare: Double = 0.95) {
        precondition(minimumFailures > 0 && sameWayShare > 0.5 && sameWayShare <= 1)
        self.minimumFailures = minimumFailures
        self.sameWayShare = sameWayShare
    }

    /// The position of an integration, created on first sight.
    public mutating func integration(service: String, billerId: String) -> Int {
        let key = Key(service: service, billerId: billerId)
        if let position = index[key] { return position }
        index[key] = slots.count
        keys.append(key)
        slots.append([:])
        successes.append([:])
        return slots.count - 1
    }

    /// A successful call at `time`.
    public mutating func success(service: String, billerId: String, time: Int64) {
        success(integration: integration(service: service, billerId: billerId), time: time)
    }

    /// The same, for an integration's position from ``integration(service:billerId:)``.
    public mutating func success(integration position: Int, time: Int64) {
        successes[position][Self.slot(of: time), default: 0] += 1
    }

    /// A failed call at `time`, placed in provisional cluster `cluster` of `category` (nil: not
    /// clustered).
    public mutating func failure(service: String, billerId: String, time: Int64, cluster: Int?, category: Category? = nil,
                                 status: Int?) {
        failure(integration: integration(service: service, billerId: billerId), time: time, cluster: cluster,
                category: category, status: status)
    }

    /// The same, for an integration's position from ``integration(service:billerId:)``.
    public mutating func failure(integration position: Int, time: Int64, cluster: Int?, category: Category? = nil, status: Int?) {
        slots[position][Self.slot(of: time), default: Slot()].addFailure(time: time, cluster: cluster, category: category,
                                                                        status: status)
    }

    /// A stretch that qualified: enough failures, nearly all of one category; its clusters of
    /// that category with their failures, most first.
    struct Stretch {
        let start: Int64
        let end: Int64
        let firstSlot: Int64
        let lastSlot: Int64
        let failures: Int
        let clusters: [(cluster: Int, failures: Int)]
        let status: Int?
        let ongoing: Bool
    }

    /// One integration's qualifying stretches, most failures first.
    private func stretches(_ slots: [Int64: Slot], successes: [Int64: Int32]) -> [Stretch] {
        var found: [Stretch] = []
        var current: [Slot] = []
        var first: Int64 = 0, last: Int64 = 0
        func close(endingBefore next: Int64?) {
            defer { current.removeAll() }
            let failures = current.reduce(0) { $0 + $1.failures }
            guard failures >= minimumFailures else { return }
            var byCluster: [Int: ClusterFailures] = [:]
            for slot in current {
                for (cluster, entry) in slot.byCluster {
                    byCluster[cluster, default: ClusterFailures(category: entry.category)].count += entry.count
                    byCluster[cluster]!.statuses.merge(entry.statuses, uniquingKeysWith: +)
                }
            }
            var byCategory: [Category: Int] = [:]
            for entry in byCluster.values { if let category = entry.category { byCategory[category, default: 0] += entry.count } }
            guard let (way, count) = byCategory.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }),
                  Double(count) >= sameWayShare * Double(failures) else { return }
            let clusters = byCluster.filter { $0.key >= 0 && $0.value.category == way }
            var statuses: [Int: Int] = [:]
            for entry in clusters.values { statuses.merge(entry.statuses, uniquingKeysWith: +) }
            let stretch = Stretch(
                start: current.map(\.firstFailure).min()!, end: current.map(\.lastFailure).max()!,
                firstSlot: first, lastSlot: last, failures: failures,
                clusters: clusters.map { ($0.key, $0.value.count) }.sorted { ($0.failures, $1.cluster) > ($1.failures, $0.cluster) },
                status: statuses.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key, ongoing: next == nil)
            found.append(stretch)
        }
        // Slots without calls neither break nor extend a stretch.
        for slot in Set(slots.keys).union(successes.keys).sorted() {
            if successes[slot] != nil {
                close(endingBefore: slot)
                continue
            }
            if current.isEmpty { first = slot }
            last = slot
            current.append(slots[slot]!)
        }
        close(endingBefore: nil)
        return found.sorted { ($0.failures, $1.start) > ($1.failures, $0.start) }
    }

    /// The findings, once every record is in: each integration's largest stretch (ongoing when
    /// no success followed it) whose evidence points to the endpoint, when other billers of the
    /// same service succeeded during it.
    ///
    /// - Parameters:
    ///   - finalCluster: maps a provisional cluster to its final one (the miner merges some).
    ///   - evidence: for a final cluster, its id and current category.
    /// - Returns: findings with their final clusters' indexes and failures (most first),
    ///   sorted by service, biller.
    func findings(finalCluster: (Int) -> Int, evidence: (Int) -> (id: String, category: Category))
        -> [(finding: EndpointFinding, clusters: [(cluster: Int, failures: Int)])] {
        var results: [(EndpointFinding, [(cluster: Int, failures: Int)])] = []
        for (position, key) in keys.enumerated() {
            for stretch in stretches(slots[position], successes: successes[position]) {
                guard let found = finding(stretch, of: position, key: key, finalCluster: finalCluster, evidence: evidence) else {
                    continue
                }
                results.append(found)
                break
            }
        }
        return results.sorted { ($0.0.service, $0.0.billerId) < ($1.0.service, $1.0.billerId) }
    }

    /// The finding a stretch makes: nil when its evidence does not point to the endpoint or no
    /// other biller of the service succeeded meanwhile.
    private func finding(_ stretch: Stretch, of position: Int, key: Key, finalCluster: (Int) -> Int,
                         evidence: (Int) -> (id: String, category: Category))
        -> (EndpointFinding, [(cluster: Int, failures: Int)])? {
        var merged: [Int: Int] = [:]
        for entry in stretch.clusters { merged[finalCluster(entry.cluster), default: 0] += entry.failures }
        let clusters = merged.map { (cluster: $0.key, failures: $0.value) }
            .sorted { ($0.failures, $1.cluster) > ($1.failures, $0.cluster) }
        guard let main = clusters.first else { return nil }
        let known = evidence(main.cluster)
        let category: Category
        switch stretch.status {
        case 404, 410: category = .endpointMoved
        case 401, 403: category = .endpointAuth
        default:
            guard known.category == .endpointMoved || known.category == .endpointAuth else { return nil }
            category = known.category
        }
        let span = stretch.firstSlot...stretch.lastSlot
        let others = keys.indices.filter { other in
            other != position && keys[other].service == key.service
                && successes[other].keys.contains { span.contains($0) }
        }.count
        guard others > 0 else { return nil }
        let finding = EndpointFinding(service: key.service, billerId: key.billerId,
                                      clusterIDs: clusters.map { evidence($0.cluster).id }, category: category,
                                      status: stretch.status, started: stretch.start, lastFailure: stretch.end,
                                      ongoing: stretch.ongoing, failures: stretch.failures,
                                      otherBillersSucceeding: others, reclassified: false)
        return (finding, clusters)
    }

    /// Adds another run's evidence (a partial run's), its provisional clusters renumbered by
    /// `cluster`, as if its calls had been seen here.
    package mutating func absorb(_ other: EndpointEvidence, cluster: (Int) -> Int) {
        for (theirs, key) in other.keys.enumerated() {
            let position = integration(service: key.service, billerId: key.billerId)
            for (time, count) in other.successes[theirs] { successes[position][time, default: 0] += count }
            for (time, slot) in other.slots[theirs] {
                var mine = slots[position][time] ?? Slot()
                mine.failures += slot.failures
                mine.firstFailure = min(mine.firstFailure, slot.firstFailure)
                mine.lastFailure = max(mine.lastFailure, slot.lastFailure)
                for (provisional, failures) in slot.byCluster.sorted(by: { $0.key < $1.key }) {
                    let renumbered = provisional < 0 ? provisional : cluster(provisional)
                    var entry = mine.byCluster[renumbered] ?? ClusterFailures(category: failures.category)
                    entry.count += failures.count
                    for (status, number) in failures.statuses.sorted(by: { $0.key < $1.key })
                    where entry.statuses.count < 8 || entry.statuses[status] != nil {
                        entry.statuses[status, default: 0] += number
                    }
                    mine.byCluster[renumbered] = entry
                }
                slots[position][time] = mine
            }
        }
    }

    private static func slot(of time: Int64) -> Int64 {
        time >= 0 ? time / slotMilliseconds : -((-time + slotMilliseconds - 1) / slotMilliseconds)
    }
}

/// The evidence as a partial run writes it down: per integration, its slots as one flat list
/// of numbers (nested JSON objects cost the merge more than everything else it reads).
extension EndpointEvidence: Codable {
    private enum CodingKeys: String, CodingKey { case minimumFailures, sameWayShare, services, billers, successes, failures }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(minimumFailures, forKey: .minimumFailures)
        try values.encode(sameWayShare, forKey: .sameWayShare)
        try values.encode(keys.map(\.service), forKey: .services)
        try values.encode(keys.map(\.billerId), forKey: .billers)
        // The numbers as strings (``CompactIntegers``): a merge decodes every cluster's evidence.
        try values.encode(successes.map { slots in CompactIntegers.encode(slots.sorted { $0.key < $1.key }.flatMap { [$0.key, Int64($0.value)] }) },
                          forKey: .successes)
        // Per slot: time, failures, first, last, clusters; per cluster: id, count, category
        // (-1 for none), statuses; per status: code, count.
        try values.encode(slots.map { slots in
            var flat: [Int64] = []
            for (time, slot) in slots.sorted(by: { $0.key < $1.key }) {
                flat += [time, Int64(slot.failures), slot.firstFailure, slot.lastFailure, Int64(slot.byCluster.count)]
                for (cluster, entry) in slot.byCluster.sorted(by: { $0.key < $1.key }) {
                    flat += [Int64(cluster), Int64(entry.count),
                             Int64(entry.category.flatMap { Category.allCases.firstIndex(of: $0) } ?? -1), Int64(entry.statuses.count)]
                    for (status, count) in entry.statuses.sorted(by: { $0.key < $1.key }) { flat += [Int64(status), Int64(count)] }
                }
            }
            return CompactIntegers.encode(flat)
        }, forKey: .failures)
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let minimumFailures = try values.decode(Int.self, forKey: .minimumFailures)
        let sameWayShare = try values.decode(Double.self, forKey: .sameWayShare)
        // An edited partial must not reach the initializer's precondition.
        guard minimumFailures > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .minimumFailures, in: values,
                                                   debugDescription: "the minimum failures must be at least 1")
        }
        guard sameWayShare > 0.5 && sameWayShare <= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .sameWayShare, in: values,
                                                   debugDescription: "the same-way share must be above 0.5 and at most 1")
        }
        self.init(minimumFailures: minimumFailures, sameWayShare: sameWayShare)
        let services = try values.decode([String].self, forKey: .services)
        let billers = try values.decode([String].self, forKey: .billers)
        func damaged() -> DecodingError {
            .dataCorruptedError(forKey: .failures, in: values, debugDescription: "endpoint evidence does not add up")
        }
        func numbers(_ key: CodingKeys) throws -> [[Int64]] {
            try values.decode([String].self, forKey: key).map { text in
                guard let numbers = CompactIntegers.decode(text) else { throw damaged() }
                return numbers
            }
        }
        let successes = try numbers(.successes), failures = try numbers(.failures)
        guard billers.count == services.count, successes.count == services.count, failures.count == services.count else {
            throw damaged()
        }
        for (position, service) in services.enumerated() {
            let integration = integration(service: service, billerId: billers[position])
            let pairs = successes[position]
            guard pairs.count % 2 == 0 else { throw damaged() }
            for index in stride(from: 0, to: pairs.count, by: 2) {
                guard let count = Int32(exactly: pairs[index + 1]) else { throw damaged() }
                self.successes[integration][pairs[index]] = count
            }
            let flat = failures[position]
            var cursor = 0
            func next() throws -> Int64 {
                guard cursor < flat.count else { throw damaged() }
                defer { cursor += 1 }
                return flat[cursor]
            }
            func length() throws -> Int64 {
                let value = try next()
                guard value >= 0, value <= flat.count else { throw damaged() }
                return value
            }
            while cursor < flat.count {
                let time = try next()
                var slot = Slot(failures: Int(try next()), firstFailure: try next(), lastFailure: try next())
                for _ in 0..<(try length()) {
                    let cluster = Int(try next()), count = Int(try next()), category = Int(try next())
                    guard category < Category.allCases.count else { throw damaged() }
                    var entry = ClusterFailures(count: count, category: category < 0 ? nil : Category.allCases[category])
                    for _ in 0..<(try length()) {
                        let status = Int(try next())
                        entry.statuses[status] = Int(try next())
                    }
                    slot.byCluster[cluster] = entry
                }
                slots[integration][time] = slot
            }
        }
    }
}
