import LogTriageBasics

/// Volume, errors, data quality and latency per service, streamed from ``RecordFacts``.
///
/// Every record counts, biller call or not. Memory grows with the number of services only.
public struct ServiceStats: Sendable, Codable {
    public private(set) var services: [String: ServiceFigures] = [:]
    /// Where each service's figures are, by the id the run interned its name as.
    private var positions = DictionaryPositions<String, ServiceFigures>()

    private enum CodingKeys: String, CodingKey {
        case services
    }

    public init() {}

    public mutating func consume(_ facts: RecordFacts) {
        services[facts.service, default: ServiceFigures()].add(facts)
    }

    /// The same, for a record whose service the run interned as `id` (``RecordNames``): the
    /// service's name is hashed on its first record only.
    package mutating func consume(_ facts: RecordFacts, service id: Int32) {
        if let position = positions.position(of: Int64(id), in: services) {
            services.values[position].add(facts)
            return
        }
        consume(facts)
        positions.note(Int64(id), key: facts.service, in: services)
    }

    /// Counts one of the service's failures as stale; false when the service is unknown or has
    /// no failure left that is not already stale.
    @discardableResult
    public mutating func markStale(service: String) -> Bool {
        guard services[service] != nil else { return false }
        return services[service]!.markStale()
    }

    /// Moves `count` of the service's failures to stale, as many as it has left, the same as
    /// `count` calls of ``markStale(service:)``.
    mutating func markStale(service: String, count: Int) {
        guard services[service] != nil else { return }
        services[service]!.markStale(count: count)
    }

    public mutating func merge(_ other: ServiceStats) {
        for (service, figures) in other.services { services[service, default: ServiceFigures()].merge(figures) }
    }

    /// Records per service that are not errors: the traffic week-over-week comparisons weigh
    /// failures against. Errors are left out so a burst of failures does not raise the very
    /// traffic it is compared with.
    public var trafficPerService: [String: Int] { services.mapValues { $0.records - $0.errors } }

    /// Services by name, the order of services.csv.
    public func sortedServices() -> [(service: String, figures: ServiceFigures)] {
        services.map { (service: $0.key, figures: $0.value) }.sorted { $0.service < $1.service }
    }

    /// Services whose share of records without `sourceId` is at least `minimumMissingRatio`
    /// (`retries.rareSourceIdRatio`, 0.9 by default), most unattributed failures first.
    public func sourceIdGaps(minimumMissingRatio: Double = 0.9) -> [SourceIdGap] {
        services.compactMap { service, figures -> SourceIdGap? in
            guard figures.records > 0, figures.missingSourceIdRatio >= minimumMissingRatio else { return nil }
            return SourceIdGap(service: service, records: figures.records, missingSourceId: figures.missingSourceId,
                               unattributedFailures: figures.unattributedFailures)
        }.sorted {
            ($0.unattributedFailures, $1.service) > ($1.unattributedFailures, $0.service)
        }
    }
}
