import LogTriageModel

/// What one kind of failure belongs to: a service and a category, and the biller when the
/// failing records name one. A chronic failure is one subject failing all week.
public struct FailureSubject: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var service: String
    /// Nil for failures of the service as a whole (its records name no biller).
    public var billerId: String?
    public var category: Category

    public init(service: String, billerId: String?, category: Category) {
        self.service = service
        self.billerId = billerId
        self.category = category
    }

    public static func < (lhs: FailureSubject, rhs: FailureSubject) -> Bool {
        (lhs.service, lhs.billerId ?? "", lhs.category.index) < (rhs.service, rhs.billerId ?? "", rhs.category.index)
    }

    /// `rtd-gateway B004 endpoint_auth`, or `sync-consumer deserialization` for a whole service.
    public var description: String {
        ([service] + (billerId.map { [$0] } ?? []) + [category.rawValue]).joined(separator: " ")
    }
}

/// The clustered records of one failure subject during the stream: records per provisional
/// cluster (stale-invoice failures taken out once their verdicts are in) and the first and
/// last record's time, which chronic.csv reports.
struct SubjectClusters: Sendable, Codable {
    var clusters: [Int: Int] = [:]
    var first = Int64.max
    var last = Int64.min

    mutating func add(cluster: Int, time: Int64) {
        clusters[cluster, default: 0] += 1
        first = min(first, time)
        last = max(last, time)
    }

    /// The provisional cluster holding most of the subject's records (ties: the lower index).
    var mainCluster: Int? {
        clusters.filter { $0.value > 0 }.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }
}
